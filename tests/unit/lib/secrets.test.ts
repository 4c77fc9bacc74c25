import { assertProductionSecrets, findUnsetSecrets, MissingSecretsError, REQUIRED_SECRETS } from '../../../src/lib/secrets';

const REAL = {
  APP_KEYS: 'b64keyone==,b64keytwo==',
  ADMIN_JWT_SECRET: 'r4nd0m-admin',
  API_TOKEN_SALT: 'r4nd0m-salt',
  TRANSFER_TOKEN_SALT: 'r4nd0m-transfer',
  JWT_SECRET: 'r4nd0m-jwt',
  ENCRYPTION_KEY: 'r4nd0m-encryption',
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
