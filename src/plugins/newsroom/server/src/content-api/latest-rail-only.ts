import { Kind, parse, type DocumentNode } from 'graphql';

/** The root fields a rail-only GraphQL query may ask for. */
const RAIL_ROOT_FIELDS = new Set(['latestRail', '__typename']);

/**
 * Whether a GraphQL document is one query operation whose root fields are only `latestRail` (and
 * `__typename`), with no fragments or directives at the root. Such a query's answer depends on
 * nothing but the stored rail, its arguments and the variables, so it can be answered again from a
 * cache until the rail's version changes. A document that does not parse is not one.
 */
export function isLatestRailOnlyQuery(query: string): boolean {
  let document: DocumentNode;
  try {
    document = parse(query, { noLocation: true });
  } catch {
    return false;
  }
  if (document.definitions.length !== 1) return false;
  const [operation] = document.definitions;
  if (operation.kind !== Kind.OPERATION_DEFINITION || operation.operation !== 'query') return false;
  if (operation.directives?.length) return false;
  return operation.selectionSet.selections.every(
    (selection) => selection.kind === Kind.FIELD && RAIL_ROOT_FIELDS.has(selection.name.value) && !selection.directives?.length
  );
}
