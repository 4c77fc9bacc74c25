/**
 * How two copies of one story combine into the stored document. Pure: it decides, the Strapi layer
 * writes. The article's own text is never rewritten: a body is taken whole from one copy.
 */
export interface ArticleCopy {
  title: string;
  dek: string | null;
  sponsor: string | null;
  dateline: string | null;
  publishedOn: string | null;
  imageCaption: string | null;
  categoryName: string | null;
  body: string[];
  truncated: boolean;
}

export type MergeableField = 'dek' | 'sponsor' | 'dateline' | 'publishedOn' | 'imageCaption' | 'categoryName';
const FILLABLE: MergeableField[] = ['dek', 'sponsor', 'dateline', 'publishedOn', 'imageCaption', 'categoryName'];

export interface MergeDecision {
  /** The incoming body replaces the stored one. */
  takeIncomingBody: boolean;
  /** Fields the stored copy lacks and the incoming copy has. */
  fill: Partial<Pick<ArticleCopy, MergeableField>>;
}

const bodyLength = (body: readonly string[]) => body.reduce((sum, line) => sum + line.length, 0);

/**
 * The most complete body wins: the longer body, and on equal length a complete copy over a cut-off
 * one. A cut-off copy therefore never overwrites a longer one, and re-reading a page (a tie)
 * keeps what is stored.
 */
export function isMoreComplete(
  incoming: Pick<ArticleCopy, 'body' | 'truncated'>,
  stored: Pick<ArticleCopy, 'body' | 'truncated'>
): boolean {
  const incomingLength = bodyLength(incoming.body);
  const storedLength = bodyLength(stored.body);
  if (incomingLength !== storedLength) return incomingLength > storedLength;
  return stored.truncated && !incoming.truncated;
}

export function decideMerge(stored: ArticleCopy, incoming: ArticleCopy): MergeDecision {
  const fill: MergeDecision['fill'] = {};
  for (const field of FILLABLE) {
    const have = stored[field];
    const offered = incoming[field];
    if ((have === null || have === '') && offered !== null && offered !== '') fill[field] = offered;
  }
  return { takeIncomingBody: isMoreComplete(incoming, stored), fill };
}
