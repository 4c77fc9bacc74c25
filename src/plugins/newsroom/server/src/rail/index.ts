/**
 * The "The Latest" rail, as pure functions (node only, no Strapi): the rail service gathers the
 * candidates, calls assembleRail, stores the result as one record and cuts it per request with
 * viewRail after parseRailQuery.
 */
export * from './types';
export { assembleRail, type AssembleRailInput } from './assemble-rail';
export { viewRail, type ViewRailOptions } from './view-rail';
export { normaliseCardText, isBlankCardText } from './card-text';
export { parseRailQuery, RailQueryError, type RailQuery } from './parse-rail-query';
export { resolveRailConfig, type RailConfig, type RailConfigInput } from './config';
