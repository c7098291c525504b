/** The gpa subgraph: a stateless calculator, so its health is only its own process. */
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'graphql';
import type { RequestContext } from '../../lib/auth';
import type { SubgraphModule } from '../../lib/subgraphServer';
import { resolvers } from './resolvers';

export const typeDefs = parse(fs.readFileSync(path.join(__dirname, 'schema.graphql'), 'utf8'));

export function createGpaSubgraph(): SubgraphModule<RequestContext> {
  return {
    name: 'gpa',
    typeDefs,
    resolvers,
    createContext: (base) => base,
    checkHealth: async () => {},
  };
}
