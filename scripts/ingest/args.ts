/** The ingest command's arguments: `[--publish] [--dry-run] [--json] <file|dir|->...` */
export interface IngestArgs {
  publish: boolean;
  dryRun: boolean;
  json: boolean;
  inputs: string[];
}

export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export const USAGE = 'usage: npm run ingest -- [--publish] [--dry-run] [--json] <file|dir|->...';

export function parseIngestArgs(argv: readonly string[]): IngestArgs {
  const args: IngestArgs = { publish: false, dryRun: false, json: false, inputs: [] };
  let onlyInputs = false;
  for (const arg of argv) {
    if (onlyInputs || arg === '-' || !arg.startsWith('-')) {
      args.inputs.push(arg);
    } else if (arg === '--') {
      onlyInputs = true;
    } else if (arg === '--publish') {
      args.publish = true;
    } else if (arg === '--dry-run') {
      args.dryRun = true;
    } else if (arg === '--json') {
      args.json = true;
    } else {
      throw new UsageError(`unknown option ${arg}`);
    }
  }
  if (args.inputs.length === 0) throw new UsageError('name at least one file, directory or - for standard input');
  if (args.inputs.filter((input) => input === '-').length > 1) throw new UsageError('standard input (-) can be read only once');
  return args;
}
