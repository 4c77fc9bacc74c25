import { assertProductionSecrets, findShortSecrets, findUnsetSecrets, MissingSecretsError, REQUIRED_SECRETS } from '../../../src/lib/secrets';

const REAL = {
  APP_KEYS: 'b64keyone-0123456789abcdefghijklmnopq==,b64keytwo-0123456789abcdefghijklmnopq==',
  ADMIN_JWT_SECRET: 'r4nd0m-admin-0123456789abcdefghijklmnop',
  API_TOKEN_SALT: 'r4nd0m-salt-0123456789abcdefghijklmnopq',
  TRANSFER_TOKEN_SALT: 'r4nd0m-transfer-0123456789abcdefghijklm',
  JWT_SECRET: 'r4nd0m-jwt-0123456789abcdefghijklmnopqr',
  ENCRYPTION_KEY: 'r4nd0m-encryption-0123456789abcdefghijk',
};

describe('findUnsetSecrets', () => {
  it('accepts real values', () => {
    expect(findUnsetSecrets(REAL)).toEqual([]);
  });

  it('names missing secrets in a stable order', () => {
    expect(findUnsetSecrets({})).toEqual([...REQUIRED_SECRETS]);
  });

  it('refuses placeholders, empty values and a single placeholder among APP_KEYS', () => {
    expect(findUnsetSecrets({ ...REAL, JWT_SECRET: 'toBeModified1' })).toEqual(['JWT_SECRET']);
    expect(findUnsetSecrets({ ...REAL, API_TOKEN_SALT: '' })).toEqual(['API_TOKEN_SALT']);
    expect(findUnsetSecrets({ ...REAL, APP_KEYS: 'b64keyone==,change-me-2' })).toEqual(['APP_KEYS']);
  });
});

describe('assertProductionSecrets', () => {
  it('only applies in production', () => {
    expect(() => assertProductionSecrets({ NODE_ENV: 'development' })).not.toThrow();
    expect(() => assertProductionSecrets({ ...REAL, NODE_ENV: 'production' })).not.toThrow();
  });

  it('throws an error naming each unset secret', () => {
    let caught: unknown;
    try {
      assertProductionSecrets({ ...REAL, ENCRYPTION_KEY: undefined, NODE_ENV: 'production' });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(MissingSecretsError);
    expect((caught as MissingSecretsError).names).toEqual(['ENCRYPTION_KEY']);
    expect((caught as Error).message).toContain('ENCRYPTION_KEY');
  });
});

describe('findShortSecrets', () => {
  it('names secrets under 32 characters, and APP_KEYS when any one key is', () => {
    expect(findShortSecrets(REAL)).toEqual([]);
    expect(findShortSecrets({ ...REAL, JWT_SECRET: 'x', API_TOKEN_SALT: 'a'.repeat(31) })).toEqual(['API_TOKEN_SALT', 'JWT_SECRET']);
    expect(findShortSecrets({ ...REAL, APP_KEYS: `${'k'.repeat(40)},short` })).toEqual(['APP_KEYS']);
    expect(findShortSecrets({ ...REAL, JWT_SECRET: 'a'.repeat(32) })).toEqual([]);
  });

  it('leaves a missing secret to findUnsetSecrets, so each is named once', () => {
    expect(findShortSecrets({ ...REAL, JWT_SECRET: undefined })).toEqual([]);
  });

  it('makes production refuse, naming each weak secret', () => {
    expect(() => assertProductionSecrets({ ...REAL, ADMIN_JWT_SECRET: 'abc', NODE_ENV: 'production' })).toThrow(
      /shorter than 32 characters: ADMIN_JWT_SECRET/,
    );
  });
});
