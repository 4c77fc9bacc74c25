import type { Core } from '@strapi/strapi';
import { slugFor } from '../slug';
import { CATEGORY_UID } from '../middlewares/types';
import { getPluginService } from '../utils/plugin';

const categoriesService = ({ strapi }: { strapi: Core.Strapi }) => ({
  /** The category with this name's slug, created when missing; safe when two importers race. */
  async findOrCreate(name: string): Promise<{ documentId: string; created: boolean }> {
    const slug = slugFor(name);
    const existing = await strapi.documents(CATEGORY_UID).findFirst({ filters: { slug }, fields: ['name'] });
    if (existing) return { documentId: existing.documentId, created: false };
    const { documentId, created } = await getPluginService(strapi, 'dedupeKeys').findOrCreate('category', slug, () =>
      strapi.documents(CATEGORY_UID).create({ data: { name: name.trim() } })
    );
    return { documentId, created };
  },
});

export default categoriesService;
export type CategoriesService = ReturnType<typeof categoriesService>;
