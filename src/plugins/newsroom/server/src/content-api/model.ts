/**
 * The little a content-API guard needs to know about a content type, so the guards stay pure and
 * are tested without Strapi: which attributes are relations (and to what) or components, and
 * whether the type keeps drafts.
 */
export interface ModelAttribute {
  type: string;
  relation?: string;
  target?: string;
  component?: string;
  repeatable?: boolean;
}

export interface ModelShape {
  draftAndPublish: boolean;
  attributes: Record<string, ModelAttribute>;
}

export type ModelLookup = (uid: string) => ModelShape | undefined;

export function isToManyRelation(attribute: ModelAttribute): boolean {
  return attribute.type === 'relation' && typeof attribute.relation === 'string' && /Many$/.test(attribute.relation);
}

/** The model a nested filter or populate under this attribute is written against, if any. */
export function nestedModelUid(attribute: ModelAttribute): string | undefined {
  if (attribute.type === 'relation') return attribute.target;
  if (attribute.type === 'component') return attribute.component;
  if (attribute.type === 'media') return 'plugin::upload.file';
  return undefined;
}
