import { spawn } from 'child_process';
import path from 'path';
import { APP_DIR } from './paths';

export interface CommandResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs the ingest command as its own process, as a user would, against the given database
 * environment. The integration setup has compiled the app already, so the command skips that.
 */
export function runIngest(args: string[], env: Record<string, string>, stdin?: string): Promise<CommandResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(APP_DIR, 'scripts', 'ingest.js'), ...args], {
      cwd: APP_DIR,
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        NEWSROOM_SKIP_COMPILE: '1',
        ENV_PATH: path.join(APP_DIR, '.tmp', 'no-such.env'),
        STRAPI_TELEMETRY_DISABLED: 'true',
        ...env,
      },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    if (stdin !== undefined) child.stdin.end(stdin);
    else child.stdin.end();
  });
}
