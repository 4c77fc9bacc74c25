/**
 * The secrets a Strapi deployment must set, and the refusal to run production without them.
 *
 * Development and test runs fall back to fixed, clearly labelled values so that a fresh clone
 * starts with no .env file. Those same values, and the placeholders shipped in .env.example and in
 * Strapi's own template, are exactly what production must never run with.
 */
export const REQUIRED_SECRETS = [
  'APP_KEYS',
  'ADMIN_JWT_SECRET',
  'API_TOKEN_SALT',
  'TRANSFER_TOKEN_SALT',
  'JWT_SECRET',
  'ENCRYPTION_KEY',
] as const;

export type SecretName = (typeof REQUIRED_SECRETS)[number];

const DEV_SECRETS: Record<SecretName, string> = {
  APP_KEYS: 'dev-only-app-key-1,dev-only-app-key-2',
  ADMIN_JWT_SECRET: 'dev-only-admin-jwt-secret',
  API_TOKEN_SALT: 'dev-only-api-token-salt',
  TRANSFER_TOKEN_SALT: 'dev-only-transfer-token-salt',
  JWT_SECRET: 'dev-only-jwt-secret',
  ENCRYPTION_KEY: 'dev-only-encryption-key',
};

/** Placeholder values that mean "nobody set this": ours, .env.example's and Strapi's template's. */
const PLACEHOLDER = /^(tobemodified\d*|change-?me.*|dev-only-.*|replace-?me.*|secret|default)?$/i;

export function devSecret(name: SecretName): string {
  return DEV_SECRETS[name];
}

/** Names of the secrets that are missing or left at a default value, in a stable order. */
export function findUnsetSecrets(environment: NodeJS.ProcessEnv): SecretName[] {
  return REQUIRED_SECRETS.filter((name) => {
    const raw = environment[name];
    if (raw === undefined) return true;
    // APP_KEYS is a comma-separated list: every key must be real.
    const parts = name === 'APP_KEYS' ? raw.split(',') : [raw];
    return parts.some((part) => PLACEHOLDER.test(part.trim()));
  });
}

/** 32 characters: what `openssl rand -base64 32` gives is 44; a guessable word is far shorter. */
export const MIN_SECRET_LENGTH = 32;

/** Names of the secrets that are set, to something other than a placeholder, but too short to be safe. */
export function findShortSecrets(environment: NodeJS.ProcessEnv): SecretName[] {
  const unset = new Set(findUnsetSecrets(environment));
  return REQUIRED_SECRETS.filter((name) => {
    if (unset.has(name)) return false;
    const raw = environment[name] ?? '';
    const parts = name === 'APP_KEYS' ? raw.split(',') : [raw];
    return parts.some((part) => part.trim().length < MIN_SECRET_LENGTH);
  });
}

export class MissingSecretsError extends Error {
  constructor(
    readonly names: SecretName[],
    readonly shortNames: SecretName[] = [],
  ) {
    const parts = ['Refusing to start in production:'];
    if (names.length > 0) parts.push(`these secrets are missing or left at a default value: ${names.join(', ')}.`);
    if (shortNames.length > 0) {
      parts.push(`these secrets are shorter than ${MIN_SECRET_LENGTH} characters: ${shortNames.join(', ')} (APP_KEYS: each key).`);
    }
    parts.push('Set each one in the environment (see .env.example; `openssl rand -base64 32` makes one).');
    super(parts.join(' '));
    this.name = 'MissingSecretsError';
  }
}

/** Throws when NODE_ENV=production and any required secret is unset, a placeholder or too short. */
export function assertProductionSecrets(environment: NodeJS.ProcessEnv): void {
  if (environment.NODE_ENV !== 'production') return;
  const unset = findUnsetSecrets(environment);
  const short = findShortSecrets(environment);
  if (unset.length > 0 || short.length > 0) throw new MissingSecretsError(unset, short);
}
