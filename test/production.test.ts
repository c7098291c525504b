/** NODE_ENV=production: secrets required, no introspection, no playground, no demo users. */
import { ConfigError, loadConfig } from '../lib/config';
import { createPglite, openDatabase } from '../lib/db';
import { createLogger } from '../lib/logger';
import { startSystem } from '../scripts/start';
import { DEMO, testConfig } from './stack';

test('production refuses to start without JWT_SECRET or a key pair', () => {
  expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(ConfigError);
  expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/JWT_SECRET/);
  expect(() => loadConfig({ NODE_ENV: 'production', JWT_SECRET: 'a-real-secret' })).not.toThrow();
});

test('production never uses the development secrets', () => {
  const config = loadConfig({ NODE_ENV: 'production', JWT_SECRET: 'a-real-secret' });
  expect(config.subgraphHmacSecret).not.toBe(loadConfig({}).subgraphHmacSecret);
  expect(config.jwt.secret).toBe('a-real-secret');
  expect(config.seedDemoData).toBe(false);
  expect(loadConfig({ NODE_ENV: 'production', JWT_SECRET: 'x', SEED_DEMO_DATA: 'true' }).seedDemoData).toBe(false);
});

describe('a production system', () => {
  const config = testConfig({ NODE_ENV: 'production', JWT_SECRET: 'production-test-secret', LOG_LEVEL: 'silent' });
  let system: Awaited<ReturnType<typeof startSystem>>;

  beforeAll(async () => {
    // A database of its own, never seeded.
    const db = await openDatabase({ pglite: await createPglite() });
    system = await startSystem({ config, logger: createLogger('silent', 'test'), db });
  }, 60_000);
  afterAll(async () => {
    await system?.stop();
    await system?.db.close();
  });

  const post = async (query: string) => {
    const response = await fetch(system.gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query }),
    });
    return (await response.json()) as { data?: unknown; errors?: Array<{ message: string; extensions: { code: string } }> };
  };

  test('has no demo users', async () => {
    const result = await post(`mutation { login(email: "${DEMO.ADMIN.email}", password: "${DEMO.ADMIN.password}") { accessToken } }`);
    expect(result.errors?.[0].extensions.code).toBe('UNAUTHENTICATED');
  });

  test('answers no introspection', async () => {
    const result = await post('{ __schema { types { name } } }');
    expect(result.errors?.[0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(result.data).toBeUndefined();
  });

  test('serves no playground', async () => {
    const response = await fetch(system.gatewayUrl, { headers: { accept: 'text/html' } });
    expect(await response.text()).not.toMatch(/<html/i);
  });

  test('suggests no field names in validation errors', async () => {
    const result = await post('{ me { nam } rooms { nme } }');
    expect(result.errors?.map((e) => e.extensions.code)).toEqual(['GRAPHQL_VALIDATION_FAILED', 'GRAPHQL_VALIDATION_FAILED']);
    expect(JSON.stringify(result.errors)).not.toMatch(/Did you mean|"name"/);
  });

  test('masks what it did not mean to say: no stack, no SQL, no address', async () => {
    const result = await post('{ me { id } }\n#' + 'x'.repeat(20_000));
    expect(result.errors?.[0].extensions.code).toBe('MAX_QUERY_LENGTH_EXCEEDED');
    expect(JSON.stringify(result)).not.toMatch(/stack|select |insert |127\.0\.0\.1|localhost/i);
  });
});
