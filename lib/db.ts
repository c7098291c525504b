/**
 * One database handle for a service: a real PostgreSQL server when DATABASE_URL is set,
 * otherwise an embedded PostgreSQL (PGlite) in a local data folder. PGlite has a single
 * connection and one owning process per folder, so in the embedded default every service of
 * `npm start` shares one instance; each subgraph still keeps to its own PostgreSQL schema.
 */
import fs from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import knexFactory, { type Knex } from 'knex';
import ClientPgLite from 'knex-pglite';
import { types as pgTypes } from 'pg';

// bigint counts (count(*)) come back as strings from pg; they are small enough for numbers.
pgTypes.setTypeParser(20, (value) => Number.parseInt(value, 10));
// A `date` is a calendar day, not an instant: keep it as its `YYYY-MM-DD` text.
const DATE_OID = 1082;
pgTypes.setTypeParser(DATE_OID, (value) => value);

/** An embedded PostgreSQL with the same value parsing as the pg driver above. */
export function createPglite(options: { dataDir?: string; loadDataDir?: Blob } = {}): Promise<PGlite> {
  return PGlite.create({
    ...options,
    parsers: { [DATE_OID]: (value: string) => value, 20: (value: string) => Number.parseInt(value, 10) },
  });
}

export interface Database {
  knex: Knex;
  kind: 'postgres' | 'pglite';
  /** Present for the embedded database (its own LISTEN/NOTIFY and dump API). */
  pglite?: PGlite;
  /** The server's URL, for connections outside the pool (LISTEN). */
  url?: string;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  databaseUrl?: string;
  /** Folder for the embedded database; created when missing. */
  pgliteDataDir?: string;
  /** An embedded database already opened (tests load one from a prepared dump). */
  pglite?: PGlite;
  poolMax?: number;
  /**
   * The longest a statement may run on the server (ms; 0 for no limit). PGlite runs in this
   * process's thread and cannot interrupt a statement, so it applies to PostgreSQL only.
   */
  statementTimeoutMs?: number;
}

export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  if (options.databaseUrl) {
    const knex = knexFactory({
      client: 'pg',
      connection: {
        connectionString: options.databaseUrl,
        ...(options.statementTimeoutMs
          ? { statement_timeout: options.statementTimeoutMs, idle_in_transaction_session_timeout: options.statementTimeoutMs * 2 }
          : {}),
      },
      pool: { min: 0, max: options.poolMax ?? 10 },
    });
    await knex.raw('select 1');
    return { knex, kind: 'postgres', url: options.databaseUrl, close: () => knex.destroy() };
  }
  let pglite = options.pglite;
  if (!pglite) {
    if (!options.pgliteDataDir) throw new Error('openDatabase needs databaseUrl, pgliteDataDir or pglite');
    fs.mkdirSync(path.dirname(options.pgliteDataDir), { recursive: true });
    pglite = await createPglite({ dataDir: options.pgliteDataDir });
  }
  const instance = pglite;
  const knex = knexFactory({ client: ClientPgLite, dialect: 'postgres', connection: () => ({ pglite: instance }) } as Knex.Config);
  await knex.raw('select 1');
  return {
    knex,
    kind: 'pglite',
    pglite: instance,
    close: async () => {
      await knex.destroy();
      if (!instance.closed) await instance.close();
    },
  };
}

const MIGRATIONS_ROOT = path.join(__dirname, '..', 'migrations');

/**
 * Applies the forward-only migrations of one subgraph, kept in `migrations/<schema>/` and
 * recorded in that schema's own `knex_migrations` table.
 */
export async function migrateSchema(knex: Knex, schema: string): Promise<string[]> {
  await knex.raw('create schema if not exists ??', [schema]);
  // knex types the result `any`; it is [batch number, names of the migrations applied].
  const [, applied] = (await knex.migrate.latest({
    directory: path.join(MIGRATIONS_ROOT, schema),
    schemaName: schema,
    tableName: 'knex_migrations',
    loadExtensions: ['.ts', '.js'],
  })) as [number, string[]];
  return applied;
}

/** Ping for /health. */
export async function checkDatabase(knex: Knex): Promise<void> {
  await knex.raw('select 1');
}
