/**
 * `npm run compose`: composes the subgraph schemas into schema/supergraph.graphql (what the
 * gateway loads) and schema/api.graphql (what clients see, for codegen). A test recomposes
 * and fails when either committed file is stale.
 */
import fs from 'node:fs';
import path from 'node:path';
import { composeServices } from '@apollo/composition';
import { parse, printSchema } from 'graphql';
import { DEFAULT_SUBGRAPH_PORTS, SUBGRAPH_NAMES } from '../lib/config';

const ROOT = path.join(__dirname, '..');
export const SUPERGRAPH_FILE = path.join(ROOT, 'schema', 'supergraph.graphql');
export const API_SCHEMA_FILE = path.join(ROOT, 'schema', 'api.graphql');

export function subgraphSchemaFile(name: string): string {
  return path.join(ROOT, 'subgraphs', name, 'schema.graphql');
}

/** The subgraphs that exist in this checkout, in the order of the contract. */
export function presentSubgraphs(): string[] {
  return SUBGRAPH_NAMES.filter((name) => fs.existsSync(subgraphSchemaFile(name)));
}

export function composeSupergraph(): { supergraphSdl: string; apiSdl: string } {
  const services = presentSubgraphs().map((name) => ({
    name,
    url: `http://localhost:${DEFAULT_SUBGRAPH_PORTS[name as keyof typeof DEFAULT_SUBGRAPH_PORTS]}/graphql`,
    typeDefs: parse(fs.readFileSync(subgraphSchemaFile(name), 'utf8')),
  }));
  const result = composeServices(services);
  if (result.errors) {
    throw new Error(`The subgraphs do not compose:\n${result.errors.map((e) => `- ${e.message}`).join('\n')}`);
  }
  const apiSdl = printSchema(result.schema.toAPISchema().toGraphQLJSSchema());
  return { supergraphSdl: result.supergraphSdl, apiSdl: `${apiSdl}\n` };
}

if (require.main === module) {
  const { supergraphSdl, apiSdl } = composeSupergraph();
  fs.mkdirSync(path.dirname(SUPERGRAPH_FILE), { recursive: true });
  fs.writeFileSync(SUPERGRAPH_FILE, supergraphSdl);
  fs.writeFileSync(API_SCHEMA_FILE, apiSdl);
  console.log(`composed ${presentSubgraphs().join(', ')} into ${path.relative(ROOT, SUPERGRAPH_FILE)}`);
}
