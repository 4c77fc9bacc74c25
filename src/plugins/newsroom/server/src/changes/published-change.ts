/**
 * Which document-service actions change what readers see. Pure: the notify middleware asks this
 * before and after a write, so rail assembly and rebuild webhooks follow published content only
 * (an edit to a draft changes nothing a reader can see and must send nothing).
 */

export type PublishedAction = 'create' | 'publish' | 'unpublish' | 'delete' | 'update';

export interface ActionFacts {
  /** The document-service action ('create', 'update', 'publish', ...). */
  action: string;
  /** Whether the content type has draft and publish. Without it every saved row is live. */
  draftAndPublish: boolean;
  /** The `status` param of a create or update ('published' writes the live version directly). */
  status?: string;
  /** Whether a published version existed before the action (known for delete and unpublish). */
  hadPublished?: boolean;
}

/** The published change an action makes, or null when readers see no difference. */
export function publishedChangeOf(facts: ActionFacts): PublishedAction | null {
  const { action, draftAndPublish } = facts;
  if (!draftAndPublish) {
    if (action === 'create') return 'create';
    if (action === 'update') return 'update';
    if (action === 'delete') return 'delete';
    return null;
  }
  switch (action) {
    case 'publish':
      return 'publish';
    case 'unpublish':
      return facts.hadPublished === false ? null : 'unpublish';
    case 'delete':
      return facts.hadPublished === false ? null : 'delete';
    case 'create':
      return facts.status === 'published' ? 'publish' : null;
    case 'update':
      return facts.status === 'published' ? 'update' : null;
    default:
      return null;
  }
}
