import { buildSiteChangedPayload, type RebuildEvent } from '../../../src/plugins/newsroom/server/src/rebuild';

const T0 = Date.parse('2025-03-01T12:00:00.000Z');
const iso = (offsetMs: number) => new Date(T0 + offsetMs).toISOString();

function article(
  documentId: string,
  action: RebuildEvent['action'],
  offsetMs: number,
  slug: string | null = documentId
) {
  return { type: 'article', documentId, slug, action, createdAt: iso(offsetMs) } satisfies RebuildEvent;
}

function rail(version: number, offsetMs: number): RebuildEvent {
  return { type: 'rail', documentId: null, slug: null, action: 'rail', railVersion: version, createdAt: iso(offsetMs) };
}

describe('buildSiteChangedPayload', () => {
  it('lists 200 publishes of 200 different articles as 200 changes', () => {
    const events = Array.from({ length: 200 }, (_, i) => article(`doc${i}`, 'publish', i * 100));
    const payload = buildSiteChangedPayload('msg_1', events, { sequence: 1 });
    expect(payload.event).toBe('site.changed');
    expect(payload.deliveryId).toBe('msg_1');
    expect(payload.count).toBe(200);
    expect(payload.changes).toHaveLength(200);
    expect(payload.changes[0]).toEqual({ type: 'article', documentId: 'doc0', slug: 'doc0', action: 'publish' });
    expect(payload.changes[199]).toEqual({ type: 'article', documentId: 'doc199', slug: 'doc199', action: 'publish' });
    expect(payload.railVersion).toBeNull();
    expect(payload.firstEventAt).toBe(iso(0));
    expect(payload.lastEventAt).toBe(iso(19_900));
  });

  it('collapses repeats of one document and keeps its last action', () => {
    const payload = buildSiteChangedPayload('msg_1', [
      article('a', 'publish', 0),
      article('a', 'update', 1_000),
      article('a', 'unpublish', 2_000),
    ], { sequence: 1 });
    expect(payload.changes).toEqual([{ type: 'article', documentId: 'a', slug: 'a', action: 'unpublish' }]);
    expect(payload.count).toBe(1);
  });

  it('decides "last" by time, not by array position', () => {
    const payload = buildSiteChangedPayload('msg_1', [article('a', 'unpublish', 2_000), article('a', 'publish', 0)], { sequence: 1 });
    expect(payload.changes.map((change) => change.action)).toEqual(['unpublish']);
    expect(payload.firstEventAt).toBe(iso(0));
    expect(payload.lastEventAt).toBe(iso(2_000));
  });

  it('orders changes by the time of each document’s last event; ties keep the given order', () => {
    const payload = buildSiteChangedPayload('msg_1', [
      article('a', 'publish', 0),
      article('b', 'publish', 1_000),
      article('a', 'update', 2_000),
      article('c', 'publish', 3_000),
      article('d', 'publish', 3_000),
    ], { sequence: 1 });
    expect(payload.changes.map((change) => change.documentId)).toEqual(['b', 'a', 'c', 'd']);
    expect(payload.changes.map((change) => change.action)).toEqual(['publish', 'update', 'publish', 'publish']);
  });

  it('keeps the document’s last known slug when the final event has none (delete)', () => {
    const payload = buildSiteChangedPayload('msg_1', [
      article('a', 'publish', 0, 'old-slug'),
      article('a', 'delete', 1_000, null),
    ], { sequence: 1 });
    expect(payload.changes).toEqual([{ type: 'article', documentId: 'a', slug: 'old-slug', action: 'delete' }]);
  });

  it('keeps the same documentId apart across types', () => {
    const payload = buildSiteChangedPayload('msg_1', [
      article('x1', 'publish', 0),
      { type: 'category', documentId: 'x1', slug: 'markets', action: 'update', createdAt: iso(1_000) },
    ], { sequence: 1 });
    expect(payload.count).toBe(2);
  });

  it('takes the highest rail version and reports a burst of rail versions as one change', () => {
    const payload = buildSiteChangedPayload('msg_1', [
      rail(41, 0),
      article('a', 'publish', 500),
      rail(43, 1_000),
      rail(42, 2_000), // written late, out of order: must not win
      { ...article('b', 'publish', 3_000), railVersion: null },
    ], { sequence: 1 });
    expect(payload.railVersion).toBe(43);
    expect(payload.changes.filter((change) => change.type === 'rail')).toEqual([
      { type: 'rail', documentId: null, slug: null, action: 'rail' },
    ]);
    expect(payload.count).toBe(3);
  });

  it('refuses an empty batch', () => {
    expect(() => buildSiteChangedPayload('msg_1', [], { sequence: 1 })).toThrow('at least one event');
  });

  it('survives JSON round-trip unchanged (what the receiver parses is what we built)', () => {
    const payload = buildSiteChangedPayload('msg_1', [article('a', 'publish', 0), rail(3, 10)], { sequence: 1 });
    expect(JSON.parse(JSON.stringify(payload))).toEqual(payload);
  });
});

describe('buildSiteChangedPayload: sequence, categories and what is owed', () => {
  const filed = (documentId: string, action: RebuildEvent['action'], offsetMs: number, category: string | null, previousCategory: string | null) =>
    ({ ...article(documentId, action, offsetMs), category, previousCategory }) satisfies RebuildEvent;

  it('says its place in the target’s stream', () => {
    const payload = buildSiteChangedPayload('msg_7', [article('a', 'publish', 0)], { sequence: 7 });
    expect(payload).toMatchObject({ deliveryId: 'msg_7', sequence: 7, resync: false, count: 1 });
  });

  it('names an article’s category, and the one it left when it moved during the batch', () => {
    const payload = buildSiteChangedPayload(
      'msg_1',
      [filed('a', 'update', 0, 'bridal', 'watches'), filed('a', 'update', 10, 'estate', 'bridal'), filed('b', 'publish', 20, 'bridal', null), filed('c', 'update', 30, 'bridal', 'bridal')],
      { sequence: 1 }
    );
    expect(payload.changes).toEqual([
      { type: 'article', documentId: 'a', slug: 'a', action: 'update', category: 'estate', previousCategory: 'watches' },
      { type: 'article', documentId: 'b', slug: 'b', action: 'publish', category: 'bridal' },
      { type: 'article', documentId: 'c', slug: 'c', action: 'update', category: 'bridal' },
    ]);
  });

  it('keeps a created category a create through later edits', () => {
    const category = (action: RebuildEvent['action'], offsetMs: number): RebuildEvent => ({ type: 'category', documentId: 'k', slug: 'bridal', action, createdAt: iso(offsetMs) });
    expect(buildSiteChangedPayload('msg_1', [category('create', 0), category('update', 10)], { sequence: 1 }).changes).toEqual([
      { type: 'category', documentId: 'k', slug: 'bridal', action: 'create' },
    ]);
    expect(buildSiteChangedPayload('msg_1', [category('create', 0), category('delete', 10)], { sequence: 1 }).changes[0].action).toBe('delete');
  });

  it('carries what an undelivered delivery owed, with newer events winning for the same document', () => {
    const owed = buildSiteChangedPayload('msg_1', [filed('a', 'publish', 0, 'bridal', null), filed('b', 'publish', 5, null, null), rail(4, 6)], { sequence: 1 });
    const payload = buildSiteChangedPayload('msg_2', [filed('b', 'unpublish', 100, null, null), article('c', 'publish', 110)], { sequence: 2, owed: [owed] });
    expect(payload.changes).toEqual([
      { type: 'article', documentId: 'a', slug: 'a', action: 'publish', category: 'bridal' },
      { type: 'rail', documentId: null, slug: null, action: 'rail' },
      { type: 'article', documentId: 'b', slug: 'b', action: 'unpublish', category: null },
      { type: 'article', documentId: 'c', slug: 'c', action: 'publish' },
    ]);
    expect(payload).toMatchObject({ sequence: 2, railVersion: 4, count: 4, firstEventAt: iso(0), lastEventAt: iso(110) });
  });

  it('sends only what is owed when nothing new happened (a target enabled again)', () => {
    const owed = buildSiteChangedPayload('msg_1', [article('a', 'delete', 0)], { sequence: 3 });
    const payload = buildSiteChangedPayload('msg_2', [], { sequence: 4, owed: [owed] });
    expect(payload.changes).toEqual([{ type: 'article', documentId: 'a', slug: 'a', action: 'delete' }]);
  });

  it('asks for a full rebuild instead of a list when too much is owed, the log lost changes, or a carried delivery did', () => {
    const events = [article('a', 'publish', 0), article('b', 'publish', 1), article('c', 'publish', 2)];
    expect(buildSiteChangedPayload('msg_1', events, { sequence: 1, maxChanges: 3 })).toMatchObject({ resync: false, count: 3 });
    expect(buildSiteChangedPayload('msg_1', events, { sequence: 1, maxChanges: 2 })).toMatchObject({ resync: true, count: 0, changes: [] });

    const formedAt = new Date(T0 + 5_000);
    const pruned = buildSiteChangedPayload('msg_2', [], { sequence: 2, resyncOwed: true, formedAt });
    expect(pruned).toMatchObject({ resync: true, changes: [], firstEventAt: formedAt.toISOString(), lastEventAt: formedAt.toISOString() });
    expect(buildSiteChangedPayload('msg_3', [article('d', 'publish', 9_000)], { sequence: 3, owed: [pruned] })).toMatchObject({ resync: true, changes: [] });
  });
});
