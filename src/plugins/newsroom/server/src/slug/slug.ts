import slugify from 'slugify';

/**
 * The one slug function of the project. Every route that stores an Article or a Category (admin,
 * REST, GraphQL, import) ends up here, so the same title always gives the same slug.
 */
export function slugFor(text: string): string {
  return slugify(text, { lower: true, strict: true, trim: true });
}

/**
 * The first free slug for `base`: `base` itself, then `base-2`, `base-3`, ...
 * `taken` holds the slugs other documents already use.
 */
export function firstFreeSlug(base: string, taken: ReadonlySet<string>): string {
  const root = base === '' ? 'untitled' : base;
  if (!taken.has(root)) return root;
  for (let n = 2; ; n += 1) {
    const candidate = `${root}-${n}`;
    if (!taken.has(candidate)) return candidate;
  }
}
