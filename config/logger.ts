import type { Core } from '@strapi/strapi';
import { formats, winston } from '@strapi/logger';

// LOG_LEVEL keeps Strapi's HTTP log out of tests; LOG_TO_STDERR keeps stdout clean for commands
// whose stdout is data (the ingest command's --json).
const config = ({ env }: Core.Config.Shared.ConfigParams) => {
  const toStderr = env.bool('LOG_TO_STDERR', false);
  return {
    level: env('LOG_LEVEL', 'http'),
    ...(toStderr
      ? {
          format: formats.prettyPrint(),
          transports: [
            new winston.transports.Console({
              stderrLevels: ['error', 'warn', 'info', 'http', 'verbose', 'debug', 'silly'],
            }),
          ],
        }
      : {}),
  };
};

export default config;
