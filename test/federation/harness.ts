/**
 * Federation conformance, side by side: small subgraphs of the test's own (`buildSubgraphSchema`,
 * on loopback HTTP), composed with @apollo/composition, served by our gateway (`serveGateway`,
 * the code of `npm run gateway`, reading SUPERGRAPH_PATH) and by stock @apollo/gateway on the
 * same subgraphs. Each operation runs through both; a test asserts they agree and what the
 * answer is, so two gateways that are wrong the same way still fail.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { composeServices } from '@apollo/composition';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { startStandaloneServer } from '@apollo/server/standalone';
import { expressMiddleware } from '@as-integrations/express5';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import express from 'express';
import { parse, type GraphQLFormattedError } from 'graphql';
import { loadConfig } from '../../lib/config';
import { listen, type RunningServer } from '../../lib/http';
import { createLogger } from '../../lib/logger';
import { serveGateway, type ServedGateway } from '../../gateway/serve';

export interface SubgraphSpec {
  name: string;
  typeDefs: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- resolvers of throwaway test schemas
  resolvers: GraphQLResolverMap<any>;
  /** Answers every HTTP request in place of the subgraph's server (a misbehaving service). */
  answer?: (body: { query: string }, res: express.Response) => void;
}

export interface GraphQLAnswer {
  data?: Record<string, unknown> | null;
  errors?: GraphQLFormattedError[];
  extensions?: Record<string, unknown>;
}

/** One subgraph on loopback, counting the operations it receives. */
interface RunningSubgraph {
  name: string;
  url: string;
  /** Operation texts received, in order (the gateway's fetches). */
  received: string[];
  /** Requests to any other path than /graphql (method and path). */
  stray: string[];
  server: RunningServer;
  apollo: ApolloServer;
}

export interface Federation {
  supergraphSdl: string;
  /** Each gateway's /graphql URL, for requests the helpers below do not make. */
  urls: { ours: string; stock: string };
  /** Runs the operation through our gateway and stock @apollo/gateway. */
  both(query: string, variables?: Record<string, unknown>, headers?: Record<string, string>): Promise<{ ours: GraphQLAnswer; stock: GraphQLAnswer }>;
  /** Runs the operation through one gateway only (to count its subgraph fetches). */
  through(gateway: 'ours' | 'stock', query: string, variables?: Record<string, unknown>): Promise<GraphQLAnswer>;
  /** Runs the operation through both, expects the same `data`, equivalent `errors` and the same `extensions`, returns ours. */
  same(query: string, variables?: Record<string, unknown>): Promise<GraphQLAnswer>;
  /** Operations each subgraph received since the last call (and forgets them). */
  takeReceived(): Record<string, string[]>;
  /** Requests a subgraph received on other paths than /graphql. */
  strayRequests(name: string): string[];
  /** Stops one subgraph's HTTP server: its fetches fail from now on. */
  stopSubgraph(name: string): Promise<void>;
  stop(): Promise<void>;
}

async function startSubgraph(spec: SubgraphSpec): Promise<RunningSubgraph> {
  const apollo = new ApolloServer({
    schema: buildSubgraphSchema({ typeDefs: parse(spec.typeDefs), resolvers: spec.resolvers }),
    includeStacktraceInErrorResponses: false,
    plugins: [ApolloServerPluginInlineTraceDisabled()],
  });
  await apollo.start();
  const received: string[] = [];
  const stray: string[] = [];
  const app = express();
  app.use(express.json());
  app.use((req, _res, next) => {
    if (req.path !== '/graphql') stray.push(`${req.method} ${req.path}`);
    const query: unknown = (req.body as { query?: unknown } | undefined)?.query;
    if (typeof query === 'string') received.push(query);
    next();
  });
  app.use('/graphql', spec.answer ? (req, res) => spec.answer!(req.body as { query: string }, res) : expressMiddleware(apollo));
  const server = await listen(app, 0, '127.0.0.1');
  return { name: spec.name, url: `${server.url}/graphql`, received, stray, server, apollo };
}

function compose(subgraphs: SubgraphSpec[], running: RunningSubgraph[]): string {
  const result = composeServices(subgraphs.map((s, i) => ({ name: s.name, typeDefs: parse(s.typeDefs), url: running[i].url })));
  if (result.errors) throw new Error(`composition failed:\n${result.errors.map((e) => e.message).join('\n')}`);
  return result.supergraphSdl;
}

/** `npm run gateway` as index.ts runs it: the config from the environment, the supergraph from SUPERGRAPH_PATH. */
async function startOurGateway(supergraphSdl: string): Promise<{ served: ServedGateway; dir: string }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'federation-'));
  const supergraphPath = path.join(dir, 'supergraph.graphql');
  fs.writeFileSync(supergraphPath, supergraphSdl);
  const config = loadConfig({ NODE_ENV: 'test', HOST: '127.0.0.1', GATEWAY_PORT: '0', LOG_LEVEL: 'silent', SUPERGRAPH_PATH: supergraphPath });
  const served = await serveGateway(config, createLogger('silent', 'test'));
  return { served, dir };
}

/** Stock @apollo/gateway behind stock @apollo/server, as its documentation starts it. */
async function startStockGateway(supergraphSdl: string): Promise<{ apollo: ApolloServer; url: string }> {
  const apollo = new ApolloServer({ gateway: new ApolloGateway({ supergraphSdl }), includeStacktraceInErrorResponses: false });
  const { url } = await startStandaloneServer(apollo, { listen: { port: 0, host: '127.0.0.1' } });
  return { apollo, url };
}

async function post(
  url: string,
  query: string,
  variables: Record<string, unknown> | undefined,
  headers: Record<string, string>,
): Promise<GraphQLAnswer> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  return (await response.json()) as GraphQLAnswer;
}

/** What two gateways' errors must share: message, path and code (locations and wording of extras aside). */
export function comparableErrors(errors: GraphQLFormattedError[] | undefined) {
  return (errors ?? [])
    .map((e) => ({ message: e.message, path: e.path ?? null, code: e.extensions?.code ?? null }))
    .sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
}

export async function startFederation(specs: SubgraphSpec[]): Promise<Federation> {
  const started = await Promise.allSettled(specs.map(startSubgraph));
  const subgraphs = started.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
  let supergraphSdl: string;
  let ours: Awaited<ReturnType<typeof startOurGateway>> | undefined;
  let stock: Awaited<ReturnType<typeof startStockGateway>>;
  try {
    const failed = started.find((s) => s.status === 'rejected');
    if (failed) throw failed.reason;
    supergraphSdl = compose(specs, subgraphs);
    ours = await startOurGateway(supergraphSdl);
    stock = await startStockGateway(supergraphSdl);
  } catch (error) {
    // Nothing may keep listening, or jest waits for ever.
    await ours?.served.stop();
    await Promise.all(subgraphs.map(async (s) => (await s.server.close(), await s.apollo.stop())));
    throw error;
  }
  const stopped = new Set<string>();

  const both: Federation['both'] = async (query, variables, headers = {}) => {
    const [oursAnswer, stockAnswer] = await Promise.all([
      post(ours.served.url, query, variables, headers),
      post(stock.url, query, variables, headers),
    ]);
    return { ours: oursAnswer, stock: stockAnswer };
  };
  return {
    supergraphSdl,
    urls: { ours: ours.served.url, stock: stock.url },
    both,
    through: (gateway, query, variables) => post(gateway === 'ours' ? ours.served.url : stock.url, query, variables, {}),
    async same(query, variables) {
      const answers = await both(query, variables);
      expect(answers.ours.data).toEqual(answers.stock.data);
      expect(comparableErrors(answers.ours.errors)).toEqual(comparableErrors(answers.stock.errors));
      // Ours adds its request id to every answer's extensions; anything else there must match.
      const { requestId: _requestId, ...extensions } = answers.ours.extensions ?? {};
      expect(extensions).toEqual(answers.stock.extensions ?? {});
      return answers.ours;
    },
    takeReceived() {
      const taken = Object.fromEntries(subgraphs.map((s) => [s.name, [...s.received]]));
      for (const s of subgraphs) s.received.length = 0;
      return taken;
    },
    strayRequests: (name) => subgraphs.find((s) => s.name === name)?.stray ?? [],
    async stopSubgraph(name) {
      const subgraph = subgraphs.find((s) => s.name === name);
      if (!subgraph) throw new Error(`no subgraph ${name}`);
      stopped.add(name);
      await subgraph.server.close();
    },
    async stop() {
      await ours.served.stop();
      await stock.apollo.stop();
      fs.rmSync(ours.dir, { recursive: true, force: true });
      for (const s of subgraphs) {
        if (!stopped.has(s.name)) await s.server.close();
        await s.apollo.stop();
      }
    },
  };
}
