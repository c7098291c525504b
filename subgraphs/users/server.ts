/**
 * The users subgraph: accounts, sign-in and sessions. `createUsersSubgraph` builds it from a
 * database handle without binding a port (tests and `npm start` both use it); index.ts listens.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'graphql';
import { migrateAudit, pruneAudit } from '../../lib/audit';
import type { Database } from '../../lib/db';
import { checkDatabase, migrateSchema } from '../../lib/db';
import { migrateOutbox } from '../../lib/outbox';
import { HOURLY_MS, PeriodicTask } from '../../lib/periodicTask';
import { revocationFeedRoute } from '../../lib/revocationFeed';
import { readRevocations } from '../../lib/revocations';
import type { ServiceDeps, SubgraphModule } from '../../lib/subgraphServer';
import type { UsersContext } from './context';
import { resolvers } from './resolvers';
import { UsersService } from './service';

export const typeDefs = parse(fs.readFileSync(path.join(__dirname, 'schema.graphql'), 'utf8'));

export async function createUsersSubgraph(deps: ServiceDeps & { db: Database }): Promise<SubgraphModule<UsersContext>> {
  const { knex } = deps.db;
  await migrateOutbox(knex);
  await migrateAudit(knex);
  await migrateSchema(knex, 'users');
  const service = new UsersService(knex, deps.tokens, deps.config.refreshTokenTtlDays);
  if (deps.config.seedDemoData) {
    const created = await service.seedDemoUsers();
    if (created > 0) deps.logger.info({ created }, 'seeded demo users');
  }
  return {
    name: 'users',
    typeDefs,
    resolvers,
    createContext: (base) => ({ ...base, service, userById: service.users.createLoader() }),
    checkHealth: () => checkDatabase(knex),
    workers: [
      // Counts of unknown emails would otherwise stay forever.
      new PeriodicTask('prune sign-in throttle', HOURLY_MS, () => service.throttle.prune(), deps.logger),
      new PeriodicTask('prune audit log', HOURLY_MS, () => pruneAudit(knex, deps.config.auditRetentionDays), deps.logger),
    ],
    // The gateway has no database: it follows revoked sessions through this feed.
    routes: [revocationFeedRoute(deps.config.subgraphHmacSecret, (since) => readRevocations(knex, since, deps.config.jwt.accessTokenTtlSeconds))],
  };
}
