import type { Core } from '@strapi/strapi';
import type { AuthorBox } from '../page';
import { slugFor } from '../slug';
import { AUTHOR_UID } from '../uids';
import { getPluginService } from '../utils/plugin';

const authorsService = ({ strapi }: { strapi: Core.Strapi }) => ({
  /**
   * The author an author box names, one per person across pages (by the slug of the name, as
   * categories are), created from the box when missing; safe when two importers race. An author
   * found keeps what editors made of it.
   */
  async findOrCreate(box: AuthorBox): Promise<{ documentId: string; created: boolean }> {
    const slug = slugFor(box.name);
    const existing = (await strapi.db.query(AUTHOR_UID).findOne({ where: { slug }, select: ['documentId'] })) as { documentId: string } | null;
    if (existing) return { documentId: existing.documentId, created: false };
    const { documentId, created } = await getPluginService(strapi, 'dedupeKeys').findOrCreate('author', slug, () =>
      strapi.documents(AUTHOR_UID).create({
        data: {
          name: box.name.trim(),
          role: box.role ?? undefined,
          bio: box.bio ?? undefined,
          // The box shows the address on the page, so it is public; `email` is the editors' contact.
          publicEmail: box.email ?? undefined,
          email: box.email ?? undefined,
          headshotCaption: box.caption ?? undefined,
        },
      })
    );
    return { documentId, created };
  },
});

export default authorsService;
export type AuthorsService = ReturnType<typeof authorsService>;
