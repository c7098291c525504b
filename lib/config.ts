/**
 * Configuration read once from the environment. Every variable the system understands is
 * named here (and in the README's table), so a deployment can be checked against one place.
 */
import { createHmac } from 'node:crypto';
import path from 'node:path';
import { isTimeZone } from './campusTime';

export const SUBGRAPH_NAMES = ['users', 'booking', 'gpa', 'notifications', 'maintenance'] as const;
export type SubgraphName = (typeof SUBGRAPH_NAMES)[number];

/** Default port of each subgraph; `<NAME>_PORT` overrides it. */
export const DEFAULT_SUBGRAPH_PORTS: Record<SubgraphName, number> = {
  users: 4001,
  booking: 4002,
  gpa: 4003,
  notifications: 4004,
  maintenance: 4005,
};

/** Every environment variable the system reads (the README's configuration table). */
export const ENVIRONMENT_VARIABLES: readonly string[] = [
  'NODE_ENV',
  'HOST',
  'GATEWAY_PORT',
  ...SUBGRAPH_NAMES.flatMap((name) => [`${name.toUpperCase()}_PORT`, `${name.toUpperCase()}_URL`]),
  'SUPERGRAPH_PATH',
  'DATABASE_URL',
  'PGLITE_DATA_DIR',
  'JWT_SECRET',
  'JWT_PRIVATE_KEY',
  'JWT_PUBLIC_KEY',
  'JWT_ISSUER',
  'JWT_AUDIENCE',
  'ACCESS_TOKEN_TTL_SECONDS',
  'REFRESH_TOKEN_TTL_DAYS',
  'SUBGRAPH_HMAC_SECRET',
  'SEED_DEMO_DATA',
  'LOG_LEVEL',
  'BOOKING_HORIZON_DAYS',
  'TRUST_PROXY',
  'MAX_QUERY_DEPTH',
  'MAX_QUERY_ALIASES',
  'MAX_ROOT_FIELDS',
  'MAX_SUBSCRIPTIONS_PER_CONNECTION',
  'MAX_WS_CONNECTIONS_PER_USER',
  'WS_MAX_MESSAGE_BYTES',
  'WS_CONNECTION_INIT_TIMEOUT_MS',
  'TZ',
];

export const DEV_JWT_SECRET = 'campus-dev-jwt-secret-change-me';
export const DEV_SUBGRAPH_HMAC_SECRET = 'campus-dev-subgraph-secret';

export interface JwtConfig {
  /** HS256 shared secret, or undefined when a key pair is used. */
  secret?: string;
  /** PEM keys for RS256; the private key is needed only where tokens are issued (users). */
  privateKey?: string;
  publicKey?: string;
  issuer: string;
  audience: string;
  /** Access token lifetime in seconds; the contract caps it at 15 minutes. */
  accessTokenTtlSeconds: number;
}

export interface Config {
  production: boolean;
  host: string;
  gatewayPort: number;
  subgraphPorts: Record<SubgraphName, number>;
  /** Explicit subgraph URLs for the gateway (`<NAME>_URL`), overriding the supergraph's. */
  subgraphUrls: Partial<Record<SubgraphName, string>>;
  supergraphPath: string;
  databaseUrl?: string;
  pgliteDataDir: string;
  jwt: JwtConfig;
  refreshTokenTtlDays: number;
  subgraphHmacSecret: string;
  seedDemoData: boolean;
  logLevel: string;
  bookingHorizonDays: number;
  /** The campus clock (`TZ`): what "today" and "this slot has started" mean. */
  campusTimeZone: string;
  /** Trust `X-Forwarded-For` from a proxy in front of the gateway. */
  trustProxy: boolean;
  limits: { maxDepth: number; maxAliases: number; maxRootFields: number };
  subscriptions: { maxSubscriptionsPerConnection: number; maxConnectionsPerUser: number; maxMessageBytes: number; connectionInitTimeoutMs: number };
}

export class ConfigError extends Error {}

function intFrom(env: NodeJS.ProcessEnv, name: string, fallback: number, min = 0, max = Number.MAX_SAFE_INTEGER): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ConfigError(`${name} must be an integer between ${min} and ${max}, got "${raw}"`);
  }
  return value;
}

function boolFrom(env: NodeJS.ProcessEnv, name: string, fallback: boolean): boolean {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  return ['1', 'true', 'yes', 'on'].includes(raw.toLowerCase());
}

/**
 * In production without SUBGRAPH_HMAC_SECRET, our gateway and subgraphs share a key derived
 * from JWT_SECRET (never the public development default). Set it explicitly to put another
 * gateway in front of the subgraphs.
 */
function derivedSecret(secret: string, purpose: string): string {
  return createHmac('sha256', secret).update(purpose).digest('base64');
}

/** `TZ` as an IANA zone name; Node also accepts `:Area/City`. */
function timeZoneFrom(raw: string | undefined): string {
  const name = (raw || 'UTC').replace(/^:/, '');
  if (!isTimeZone(name)) throw new ConfigError(`TZ must be a time zone name such as Europe/Berlin, got "${raw}"`);
  return name;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const production = env.NODE_ENV === 'production';
  const hasKeyPair = Boolean(env.JWT_PRIVATE_KEY || env.JWT_PUBLIC_KEY);
  if (production && !env.JWT_SECRET && !hasKeyPair) {
    throw new ConfigError('NODE_ENV=production needs JWT_SECRET (or JWT_PRIVATE_KEY/JWT_PUBLIC_KEY)');
  }
  if (production && !env.SUBGRAPH_HMAC_SECRET && !env.JWT_SECRET) {
    throw new ConfigError('NODE_ENV=production with a key pair needs SUBGRAPH_HMAC_SECRET');
  }
  const subgraphPorts = Object.fromEntries(
    SUBGRAPH_NAMES.map((name) => [name, intFrom(env, `${name.toUpperCase()}_PORT`, DEFAULT_SUBGRAPH_PORTS[name], 0, 65535)]),
  ) as Record<SubgraphName, number>;
  const subgraphUrls: Partial<Record<SubgraphName, string>> = {};
  for (const name of SUBGRAPH_NAMES) {
    const url = env[`${name.toUpperCase()}_URL`];
    if (url) subgraphUrls[name] = url;
  }
  return {
    production,
    host: env.HOST || '0.0.0.0',
    gatewayPort: intFrom(env, 'GATEWAY_PORT', 4000, 0, 65535),
    subgraphPorts,
    subgraphUrls,
    supergraphPath: path.resolve(env.SUPERGRAPH_PATH || path.join(__dirname, '..', 'schema', 'supergraph.graphql')),
    databaseUrl: env.DATABASE_URL || undefined,
    pgliteDataDir: path.resolve(env.PGLITE_DATA_DIR || path.join(__dirname, '..', 'data', 'pglite')),
    jwt: {
      secret: hasKeyPair ? undefined : env.JWT_SECRET || DEV_JWT_SECRET,
      privateKey: env.JWT_PRIVATE_KEY || undefined,
      publicKey: env.JWT_PUBLIC_KEY || undefined,
      issuer: env.JWT_ISSUER || 'campus-services-hub',
      audience: env.JWT_AUDIENCE || 'campus-services-hub',
      accessTokenTtlSeconds: intFrom(env, 'ACCESS_TOKEN_TTL_SECONDS', 900, 10, 900),
    },
    refreshTokenTtlDays: intFrom(env, 'REFRESH_TOKEN_TTL_DAYS', 7, 1, 7),
    subgraphHmacSecret: env.SUBGRAPH_HMAC_SECRET || (production ? derivedSecret(env.JWT_SECRET!, 'subgraph-hmac') : DEV_SUBGRAPH_HMAC_SECRET),
    seedDemoData: production ? false : boolFrom(env, 'SEED_DEMO_DATA', true),
    logLevel: env.LOG_LEVEL || (env.NODE_ENV === 'test' ? 'silent' : 'info'),
    bookingHorizonDays: intFrom(env, 'BOOKING_HORIZON_DAYS', 365, 0, 3650),
    campusTimeZone: timeZoneFrom(env.TZ),
    trustProxy: boolFrom(env, 'TRUST_PROXY', false),
    limits: {
      maxDepth: intFrom(env, 'MAX_QUERY_DEPTH', 12, 1, 100),
      maxAliases: intFrom(env, 'MAX_QUERY_ALIASES', 30, 0, 1000),
      maxRootFields: intFrom(env, 'MAX_ROOT_FIELDS', 20, 1, 1000),
    },
    subscriptions: {
      maxSubscriptionsPerConnection: intFrom(env, 'MAX_SUBSCRIPTIONS_PER_CONNECTION', 20, 1, 10_000),
      maxConnectionsPerUser: intFrom(env, 'MAX_WS_CONNECTIONS_PER_USER', 10, 1, 100_000),
      maxMessageBytes: intFrom(env, 'WS_MAX_MESSAGE_BYTES', 65_536, 1024, 10_485_760),
      connectionInitTimeoutMs: intFrom(env, 'WS_CONNECTION_INIT_TIMEOUT_MS', 5000, 100, 60_000),
    },
  };
}
