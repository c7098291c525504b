/**
 * Test databases. Each test file gets its own database, copied from a template prepared once
 * per run (migrated and seeded): a dump of an embedded PGlite by default, or, with
 * DATABASE_URL, a PostgreSQL database created from a template database on that server.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import knexFactory from 'knex';
import { createAccessTokenService } from '../lib/auth';
import { loadConfig } from '../lib/config';
import { createPglite, openDatabase, type Database } from '../lib/db';
import { createLogger } from '../lib/logger';
import { SUBGRAPHS } from '../subgraphs/registry';

const DUMP_ENV = 'CAMPUS_TEST_PGLITE_DUMP';
const TEMPLATE_ENV = 'CAMPUS_TEST_TEMPLATE_DB';

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

async function adminQuery(url: string, sql: string): Promise<void> {
  const admin = knexFactory({ client: 'pg', connection: url, pool: { min: 0, max: 1 } });
  try {
    await admin.raw(sql);
  } finally {
    await admin.destroy();
  }
}

/** Runs every subgraph's start-up (migrations, demo seed) against `db`. */
async function prepare(db: Database): Promise<void> {
  const config = loadConfig({ ...process.env, NODE_ENV: 'test' });
  const deps = { config, logger: createLogger('silent', 'test'), tokens: createAccessTokenService(config.jwt), db };
  for (const factory of Object.values(SUBGRAPHS)) await factory(deps);
}

/** jest globalSetup: builds the template once for the whole run. */
export async function prepareTemplate(): Promise<void> {
  const url = process.env.DATABASE_URL;
  if (url) {
    const name = `campus_template_${process.pid}`;
    await adminQuery(url, `drop database if exists ${name}`);
    await adminQuery(url, `create database ${name}`);
    const db = await openDatabase({ databaseUrl: withDatabase(url, name) });
    await prepare(db);
    await db.close();
    process.env[TEMPLATE_ENV] = name;
    return;
  }
  const pglite = await createPglite();
  const db = await openDatabase({ pglite });
  await prepare(db);
  const dump = await pglite.dumpDataDir('none');
  const file = path.join(os.tmpdir(), `campus-template-${process.pid}.tar`);
  fs.writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
  await db.close();
  process.env[DUMP_ENV] = file;
}

/** jest globalTeardown. */
export async function dropTemplate(): Promise<void> {
  const url = process.env.DATABASE_URL;
  const template = process.env[TEMPLATE_ENV];
  if (url && template) await adminQuery(url, `drop database if exists ${template}`);
  const dump = process.env[DUMP_ENV];
  if (dump) fs.rmSync(dump, { force: true });
}

/** A fresh database for one test file, copied from the template. */
export async function openTestDatabase(): Promise<Database> {
  const url = process.env.DATABASE_URL;
  if (url) {
    const template = process.env[TEMPLATE_ENV];
    if (!template) throw new Error('The test template database is missing: run the tests through jest');
    const name = `campus_test_${randomBytes(6).toString('hex')}`;
    await adminQuery(url, `create database ${name} template ${template}`);
    const db = await openDatabase({ databaseUrl: withDatabase(url, name), poolMax: 5, statementTimeoutMs: 15_000 });
    return {
      ...db,
      close: async () => {
        await db.close();
        await adminQuery(url, `drop database if exists ${name} with (force)`);
      },
    };
  }
  const dump = process.env[DUMP_ENV];
  if (!dump) throw new Error('The test database dump is missing: run the tests through jest');
  const pglite = await createPglite({ loadDataDir: new Blob([fs.readFileSync(dump)]) });
  return openDatabase({ pglite });
}
