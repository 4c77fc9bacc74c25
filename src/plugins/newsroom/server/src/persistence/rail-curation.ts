import type { Knex } from './connection';
import type { DbNumber } from './stored-values';
import { RAIL_CURATION_TABLE } from './tables';


/** One editor's decision on one card, as stored. */
export interface CurationRow {
  target_type: 'article' | 'teaser';
  target_document_id: string;
  action: 'pin' | 'hide';
  position: DbNumber | null;
  until_ms: DbNumber | null;
  decided_by: string;
  decided_at_ms: DbNumber;
}

export interface CurationTarget {
  type: 'article' | 'teaser';
  documentId: string;
}

/** The decisions in force at `now` (a pin past its `until` is not), newest first. */
export async function curationInForce(db: Knex, now: number): Promise<CurationRow[]> {
  return db(RAIL_CURATION_TABLE)
    .where((query) => query.whereNull('until_ms').orWhere('until_ms', '>', now))
    .orderBy('decided_at_ms', 'desc');
}

/** Stores a pin or hide on a card, replacing the card's earlier decision. */
export async function upsertCuration(
  db: Knex,
  target: CurationTarget,
  decision: { action: 'pin' | 'hide'; position: number | null; until: Date | null; decidedById: number | null; decidedBy: string; at: Date }
): Promise<void> {
  await db(RAIL_CURATION_TABLE)
    .insert({
      target_type: target.type,
      target_document_id: target.documentId,
      action: decision.action,
      position: decision.position,
      until_ms: decision.until ? decision.until.getTime() : null,
      decided_by_id: decision.decidedById,
      decided_by: decision.decidedBy,
      decided_at_ms: decision.at.getTime(),
    })
    .onConflict(['target_type', 'target_document_id'])
    .merge();
}

export async function deleteCuration(db: Knex, target: CurationTarget): Promise<void> {
  await db(RAIL_CURATION_TABLE).where({ target_type: target.type, target_document_id: target.documentId }).delete();
}
