import type { Core } from '@strapi/strapi';
import type services from '../services';

export const PLUGIN_ID = 'newsroom';

type Services = typeof services;
export type ServiceName = keyof Services;
export type PluginService<Name extends ServiceName> = ReturnType<Services[Name]>;

/** The plugin's services with their own types, instead of Strapi's untyped lookup. */
export function getPluginService<Name extends ServiceName>(strapi: Core.Strapi, name: Name): PluginService<Name> {
  return strapi.plugin(PLUGIN_ID).service(name) as PluginService<Name>;
}
