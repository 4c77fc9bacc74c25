import type { Core } from '@strapi/strapi';
import { slugFor } from '../slug';
import { CATEGORY_UID } from '../uids';
import { getPluginService } from '../utils/plugin';

const categoriesService = ({ strapi }: { strapi: Core.Strapi }) => ({
  /** The category with this name's slug, created when missing; safe when two importers race. */
  async findOrCreate(name: string): Promise<{ documentId: string; created: boolean }> {
    const slug = slugFor(name);
    // Asked for most pages read, so it is one query-engine lookup, not a document-service call with
    // its per-call work (a category is a single row: it has no draft and publish).
    const existing = (await strapi.db.query(CATEGORY_UID).findOne({ where: { slug }, select: ['documentId'] })) as { documentId: string } | null;
    if (existing) return { documentId: existing.documentId, created: false };
    const { documentId, created } = await getPluginService(strapi, 'dedupeKeys').findOrCreate('category', slug, () =>
      strapi.documents(CATEGORY_UID).create({ data: { name: name.trim() } })
    );
    return { documentId, created };
  },
});

export default categoriesService;
export type CategoriesService = ReturnType<typeof categoriesService>;
