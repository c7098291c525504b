/**
 * The whole system started for one test file: its own database, every subgraph and the gateway
 * on free loopback ports, called over real HTTP with fetch.
 */
import { randomUUID } from 'node:crypto';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import type { DocumentNode } from 'graphql';
import { sendOperation, type GraphQLResponse } from '../client/request';
import { loadConfig, SUBGRAPH_NAMES, type Config } from '../lib/config';
import { createLogger } from '../lib/logger';
import { serveGateway, type ServedGateway } from '../gateway/serve';
import { startSystem, type RunningSystem } from '../scripts/start';
import { openTestDatabase } from './database';
import { graphql } from './__generated__';

export type { GraphQLResponse } from '../client/request';

export const DEMO = {
  ADMIN: { email: 'admin@example.com', password: 'admin123' },
  FACULTY: { email: 'faculty@example.com', password: 'faculty123' },
  STUDENT: { email: 'student@example.com', password: 'student123' },
} as const;

export interface TestStack {
  system: RunningSystem;
  config: Config;
  gatewayUrl: string;
  /** Sends one operation through the gateway. */
  gql<TData = Record<string, unknown>, TVariables = Record<string, unknown>>(
    document: string | TypedDocumentNode<TData, TVariables> | DocumentNode,
    variables?: TVariables,
    token?: string | null,
  ): Promise<GraphQLResponse<TData>>;
  /** Signs in and returns the access token (throws on failure). */
  login(email: string, password: string): Promise<{ accessToken: string; refreshToken: string; userId: string }>;
  /** A new account made by the demo ADMIN, signed in: for tests that need people of their own. */
  newUser(
    role?: 'ADMIN' | 'FACULTY' | 'STUDENT',
  ): Promise<{ accessToken: string; refreshToken: string; userId: string; email: string; password: string }>;
  close(): Promise<void>;
}

const TestSignInDocument = graphql(`
  mutation TestSignIn($email: String!, $password: String!) {
    login(email: $email, password: $password) {
      accessToken
      refreshToken
      user {
        id
      }
    }
  }
`);

const TestCreateUserDocument = graphql(`
  mutation TestCreateUser($input: CreateUserInput!) {
    createUser(input: $input) {
      id
    }
  }
`);

export function testConfig(overrides: Record<string, string> = {}): Config {
  const ports = Object.fromEntries(SUBGRAPH_NAMES.map((name) => [`${name.toUpperCase()}_PORT`, '0']));
  return loadConfig({ ...process.env, NODE_ENV: 'test', HOST: '127.0.0.1', GATEWAY_PORT: '0', LOG_LEVEL: 'silent', ...ports, ...overrides });
}

/** `now`: the clock of business rules (booking windows), for tests that move time. */
export async function startTestStack(overrides: Record<string, string> = {}, options: { now?: () => Date } = {}): Promise<TestStack> {
  const config = testConfig(overrides);
  const db = await openTestDatabase();
  const system = await startSystem({ config, logger: createLogger(config.logLevel, 'test'), db, now: options.now });
  let adminToken: string | undefined;
  const gql: TestStack['gql'] = (document, variables, token) => sendOperation(system.gatewayUrl, document, variables, { token });
  const login: TestStack['login'] = async (email, password) => {
    const result = await gql(TestSignInDocument, { email, password });
    if (!result.data?.login) throw new Error(`login failed for ${email}: ${JSON.stringify(result.errors)}`);
    return { accessToken: result.data.login.accessToken, refreshToken: result.data.login.refreshToken, userId: result.data.login.user.id };
  };
  return {
    system,
    config,
    gatewayUrl: system.gatewayUrl,
    gql,
    login,
    async newUser(role = 'STUDENT') {
      adminToken ??= (await login(DEMO.ADMIN.email, DEMO.ADMIN.password)).accessToken;
      const email = `${role.toLowerCase()}-${randomUUID()}@example.com`;
      const password = 'test-user-password';
      const created = await gql(TestCreateUserDocument, { input: { email, name: 'Test Person', password, role } }, adminToken);
      if (created.errors) throw new Error(JSON.stringify(created.errors));
      return { ...(await login(email, password)), email, password };
    },
    async close() {
      await system.stop();
      await db.close();
    },
  };
}

/** The codes of a response's errors, in order. */
export function codes(response: GraphQLResponse<unknown>): string[] {
  return (response.errors ?? []).map((e) => String(e.extensions?.code));
}

/** Retries `check` until it passes or `timeoutMs` runs out (for work done in the background). */
export async function eventually<T>(check: () => Promise<T>, timeoutMs = 10_000, intervalMs = 25): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, intervalMs));
    }
  }
}

/** Another gateway instance (no database of its own) in front of the stack's subgraphs. */
export function startGatewayBeside(stack: TestStack, overrides: Record<string, string> = {}): Promise<ServedGateway> {
  return serveGateway(testConfig(overrides), createLogger('silent', 'test'), stack.system.subgraphUrls);
}
