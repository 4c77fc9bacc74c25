import { errors } from '@strapi/utils';
import { ARTICLE_UID, TEASER_UID } from '../uids';

/** Deeper than any real body (a list in a list in a quote is 4); bounds the recursive checks after us. */
export const MAX_BLOCKS_DEPTH = 32;

/** Public fields only the plugin sets: readers see them, no client writes them. */
const PLUGIN_SET_FIELDS: Record<string, ReadonlySet<string>> = {
  [ARTICLE_UID]: new Set(['firstPublishedAt', 'truncated', 'wordCount', 'readingTime', 'excerpt', 'canonicalUrl']),
  [TEASER_UID]: new Set(['fragment']),
};

interface SchemaLike {
  uid?: string;
  attributes: Record<string, { type: string; private?: boolean }>;
}

/** Nesting depth of a JSON value, walked without recursion so a hostile value cannot overflow the stack. */
export function jsonDepth(value: unknown, stopAt: number): number {
  let deepest = 0;
  const stack: Array<[unknown, number]> = [[value, 1]];
  while (stack.length > 0) {
    const [item, depth] = stack.pop()!;
    if (item === null || typeof item !== 'object') continue;
    deepest = Math.max(deepest, depth);
    if (deepest > stopAt) return deepest;
    for (const child of Object.values(item as Record<string, unknown>)) stack.push([child, depth + 1]);
  }
  return deepest;
}

/**
 * What the content API (REST and GraphQL, any token) may not write to our types: the private
 * fields the newsroom plugin keeps for editors (a client could forge what editors see), the public
 * fields it sets itself (first publication, completeness), and a blocks body nested past
 * MAX_BLOCKS_DEPTH (Strapi validates blocks recursively: a stack overflow).
 * Registered as a content-API input sanitizer, which REST and GraphQL writes both pass.
 */
export function refuseForbiddenInput(schema: SchemaLike) {
  return async <Data>(data: Data): Promise<Data> => {
    if (!schema.uid?.startsWith('api::') || data === null || typeof data !== 'object') return data;
    for (const [name, value] of Object.entries(data as Record<string, unknown>)) {
      const attribute = schema.attributes[name];
      if (!attribute) continue;
      if (attribute.private || PLUGIN_SET_FIELDS[schema.uid]?.has(name)) {
        throw new errors.ValidationError(`${name} is set by the newsroom plugin and cannot be written through the API`, { key: name });
      }
      // JSON stored in the body lives one object per block level, two per list level.
      if (attribute.type === 'blocks' && jsonDepth(value, MAX_BLOCKS_DEPTH * 2) > MAX_BLOCKS_DEPTH * 2) {
        throw new errors.ValidationError(`${name} is nested too deeply: blocks may nest at most ${MAX_BLOCKS_DEPTH} levels`, { key: name });
      }
    }
    return data;
  };
}
