import type { Core, UID } from '@strapi/strapi';
import type { ModelAttribute, ModelLookup } from '../content-api/model';

/** Strapi's schemas in the shape the pure content-API guards read. */
export function strapiModelLookup(strapi: Core.Strapi): ModelLookup {
  return (uid) => {
    const model = strapi.getModel(uid as UID.Schema);
    if (!model) return undefined;
    return {
      draftAndPublish: Boolean((model as { options?: { draftAndPublish?: boolean } }).options?.draftAndPublish),
      attributes: model.attributes as unknown as Record<string, ModelAttribute>,
    };
  };
}
