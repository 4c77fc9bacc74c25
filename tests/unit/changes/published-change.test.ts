import { publishedChangeOf } from '../../../src/plugins/newsroom/server/src/changes';

describe('publishedChangeOf', () => {
  it('calls a new document of a type without drafts a create, and its later saves updates', () => {
    expect(publishedChangeOf({ action: 'create', draftAndPublish: false })).toBe('create');
    expect(publishedChangeOf({ action: 'update', draftAndPublish: false })).toBe('update');
    expect(publishedChangeOf({ action: 'delete', draftAndPublish: false })).toBe('delete');
  });

  it('sees a draft-and-publish document change only where readers see it', () => {
    expect(publishedChangeOf({ action: 'create', draftAndPublish: true })).toBeNull();
    expect(publishedChangeOf({ action: 'create', draftAndPublish: true, status: 'published' })).toBe('publish');
    expect(publishedChangeOf({ action: 'update', draftAndPublish: true, status: 'published' })).toBe('update');
    expect(publishedChangeOf({ action: 'unpublish', draftAndPublish: true, hadPublished: false })).toBeNull();
    expect(publishedChangeOf({ action: 'delete', draftAndPublish: true, hadPublished: true })).toBe('delete');
  });
});
