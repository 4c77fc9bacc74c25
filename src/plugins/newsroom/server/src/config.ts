import { resolveEdgeConfig, type EdgeConfigInput } from './content-api/edge-config';
import { resolveRailConfig, type RailConfigInput } from './rail';
import { resolveRebuildConfig, type RebuildConfigInput } from './rebuild';

interface NewsroomConfigInput {
  rail?: RailConfigInput;
  edge?: EdgeConfigInput;
  rebuild?: RebuildConfigInput;
}

/**
 * The plugin's configuration (config/plugins.ts) checked when Strapi loads it, before anything
 * boots: each section is resolved as its service will resolve it, so a bad value stops the boot
 * with the setting and its variable named.
 */
export function validateNewsroomConfig(config: NewsroomConfigInput = {}): void {
  resolveRailConfig(config.rail ?? {});
  resolveEdgeConfig(config.edge ?? {});
  resolveRebuildConfig(config.rebuild ?? {});
}
