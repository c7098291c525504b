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
  'MAX_QUERY_LENGTH',
  'MAX_QUERY_TOKENS',
  'MAX_QUERY_DEPTH',
  'MAX_QUERY_ALIASES',
  'MAX_ROOT_FIELDS',
  'MAX_QUERY_DIRECTIVES',
  'MAX_QUERY_COST',
  'COST_DEFAULT_LIST_SIZE',
  'SUBGRAPH_TIMEOUT_MS',
  'GATEWAY_REQUEST_TIMEOUT_MS',
  'DB_STATEMENT_TIMEOUT_MS',
  'METRICS_ENABLED',
  'METRICS_PORT',
  'METRICS_MAX_OPERATION_NAMES',
  'MAX_WS_CONNECTIONS_PER_USER',
  'TRUSTED_DOCUMENTS',
  'OTEL_EXPORTER_OTLP_ENDPOINT',
  'OTEL_SERVICE_NAME',
  'TRUSTED_DOCUMENTS_ONLY',
  'MAX_SUBSCRIPTIONS_PER_CONNECTION',
  'MAX_WS_CONNECTIONS_PER_USER',
  'WS_MAX_MESSAGE_BYTES',
  'WS_CONNECTION_INIT_TIMEOUT_MS',
  'TZ',
  'REVOCATION_FEED_URL',
  'REVOCATION_POLL_MS',
  'AUDIT_RETENTION_DAYS',
  'CHECK_IN_OPENS_MINUTES',
  'CHECK_IN_CLOSES_MINUTES',
  'BOOKING_REMINDER_MINUTES',
  'WAITLIST_MAX_LENGTH',
  'BOOKING_JOBS_POLL_MS',
  'MAINTENANCE_ALERTS_POLL_MS',
  'ROOM_FAULT_NOTICE_DAYS',
  'PUBLIC_ORIGIN',
  'CALENDAR_SECRET',
  'GATEWAY_PROXY_ROUTES',
  'GATEWAY_RESPONSE_CACHE',
  'GATEWAY_RESPONSE_CACHE_MAX_ENTRIES',
  'GATEWAY_RESPONSE_CACHE_MAX_MB',
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
  /** Operation limits of the gateway (gateway/limits.ts documents each). */
  limits: OperationLimitsConfig;
  /** How long one subgraph call may take, and the gateway's whole request (ms). */
  timeouts: { subgraphMs: number; gatewayRequestMs: number; dbStatementMs: number };
  /** Persisted-document manifests the gateway accepts by hash; `only`: nothing else runs. */
  trustedDocuments: { paths: string[]; only: boolean };
  /** `/metrics`: on or off, on the service's own port (null) or another one (the gateway's). */
  metrics: { enabled: boolean; port: number | null; maxOperationNames: number };
  subscriptions: { maxSubscriptionsPerConnection: number; maxMessageBytes: number; connectionInitTimeoutMs: number; maxConnectionsPerUser: number };
  /**
   * How revoked sessions reach every instance (lib/revocations.ts). `feedUrl`: the feed the
   * gateway polls (`REVOCATION_FEED_URL`); absent, `revocationFeedUrl` derives it from the
   * users subgraph's URL. `pollMs`: how often caches are refreshed (`REVOCATION_POLL_MS`).
   */
  revocations: { feedUrl?: string; pollMs: number };
  /** How long audit entries are kept (`AUDIT_RETENTION_DAYS`). */
  auditRetentionDays: number;
  /** Check-in window, reminders, waitlist length and how often booking jobs look for due work. */
  booking: BookingConfig;
  /** How often the maintenance deadline alerts look for due alerts, in ms (`MAINTENANCE_ALERTS_POLL_MS`); they also wake at the next due time. */
  maintenance: { alertsPollMs: number };
  /** Where clients reach the gateway (`PUBLIC_ORIGIN`), for absolute URLs such as calendar feeds. */
  publicOrigin: string;
  /** Keys the secret tokens of calendar feed URLs (`CALENDAR_SECRET`). */
  calendarSecret: string;
  /** GET path prefixes the gateway forwards to a subgraph's HTTP server (`/calendar=booking`). */
  proxyRoutes: ProxyRoute[];
  /** The gateway's cache of whole query answers (gateway/responseCache.ts). */
  responseCache: ResponseCacheConfig;
}

export interface ResponseCacheConfig {
  /** `GATEWAY_RESPONSE_CACHE`: off, nothing is kept. @default true */
  enabled: boolean;
  /** Answers kept at most (least recently used go first). @default 10000 */
  maxEntries: number;
  /** Bytes of keys and answers kept at most (`GATEWAY_RESPONSE_CACHE_MAX_MB`). @default 64 MiB */
  maxBytes: number;
}

export interface OperationLimitsConfig {
  /** Characters of query text; longer texts are refused before parsing. @default 15000 */
  maxQueryLength: number;
  /** Lexical tokens of the document, counted before it is parsed. @default 2000 */
  maxTokens: number;
  /** Deepest nesting of fields, introspection fields aside. @default 12 */
  maxDepth: number;
  /** Aliased fields, `__typename` included, with fragments expanded. @default 30 */
  maxAliases: number;
  /** Fields at the root of the operation, with fragments expanded. @default 20 */
  maxRootFields: number;
  /** Directives used, with fragments expanded. @default 50 */
  maxDirectives: number;
  /** Estimated cost (gateway/cost.ts). @default 10000 */
  maxCost: number;
  /** Size assumed for a list with no `limit` argument and no declared `@listSize`. @default 50 */
  defaultListSize: number;
}

/** The subgraph that serves the revocation feed, at `/revocations` beside its `/graphql`. */
export const REVOCATION_FEED_SUBGRAPH: SubgraphName = 'users';

/** The revocation feed's URL: configured, or beside the users subgraph's `/graphql` URL. */
export function revocationFeedUrl(config: Config, usersSubgraphUrl: string | undefined): string | undefined {
  if (config.revocations.feedUrl) return config.revocations.feedUrl;
  return usersSubgraphUrl ? new URL('/revocations', usersSubgraphUrl).toString() : undefined;
}

export interface BookingConfig {
  checkInOpensMinutes: number;
  checkInClosesMinutes: number;
  /** 0: no reminders. */
  reminderMinutes: number;
  waitlistMaxLength: number;
  jobsPollMs: number;
  /** Holders of bookings this many days ahead (and today's later slots) are told of a room fault. */
  roomFaultNoticeDays: number;
}

export interface ProxyRoute {
  prefix: string;
  subgraph: SubgraphName;
}

/** `GATEWAY_PROXY_ROUTES`: comma-separated `/prefix=subgraph` pairs. */
function proxyRoutesFrom(raw: string): ProxyRoute[] {
  return raw
    .split(',')
    .map((pair) => pair.trim())
    .filter(Boolean)
    .map((pair) => {
      const [prefix, subgraph] = pair.split('=').map((part) => part.trim());
      if (!/^\/[a-z0-9-]+$/.test(prefix ?? '') || !SUBGRAPH_NAMES.includes(subgraph as SubgraphName)) {
        throw new ConfigError(`GATEWAY_PROXY_ROUTES entries look like /calendar=booking, got "${pair}"`);
      }
      return { prefix, subgraph: subgraph as SubgraphName };
    });
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
  const gatewayPort = intFrom(env, 'GATEWAY_PORT', 4000, 0, 65535);
  const subgraphHmacSecret = env.SUBGRAPH_HMAC_SECRET || (production ? derivedSecret(env.JWT_SECRET!, 'subgraph-hmac') : DEV_SUBGRAPH_HMAC_SECRET);
  return {
    production,
    host: env.HOST || '0.0.0.0',
    gatewayPort,
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
    subgraphHmacSecret,
    seedDemoData: production ? false : boolFrom(env, 'SEED_DEMO_DATA', true),
    logLevel: env.LOG_LEVEL || (env.NODE_ENV === 'test' ? 'silent' : 'info'),
    bookingHorizonDays: intFrom(env, 'BOOKING_HORIZON_DAYS', 365, 0, 3650),
    campusTimeZone: timeZoneFrom(env.TZ),
    trustProxy: boolFrom(env, 'TRUST_PROXY', false),
    limits: {
      maxQueryLength: intFrom(env, 'MAX_QUERY_LENGTH', 15_000, 100, 1_000_000),
      maxTokens: intFrom(env, 'MAX_QUERY_TOKENS', 2000, 10, 100_000),
      maxDepth: intFrom(env, 'MAX_QUERY_DEPTH', 12, 1, 100),
      maxAliases: intFrom(env, 'MAX_QUERY_ALIASES', 30, 0, 1000),
      maxRootFields: intFrom(env, 'MAX_ROOT_FIELDS', 20, 1, 1000),
      maxDirectives: intFrom(env, 'MAX_QUERY_DIRECTIVES', 50, 0, 1000),
      maxCost: intFrom(env, 'MAX_QUERY_COST', 10_000, 1, 1_000_000_000),
      defaultListSize: intFrom(env, 'COST_DEFAULT_LIST_SIZE', 50, 1, 100_000),
    },
    timeouts: {
      subgraphMs: intFrom(env, 'SUBGRAPH_TIMEOUT_MS', 10_000, 10, 600_000),
      gatewayRequestMs: intFrom(env, 'GATEWAY_REQUEST_TIMEOUT_MS', 30_000, 10, 600_000),
      dbStatementMs: intFrom(env, 'DB_STATEMENT_TIMEOUT_MS', 15_000, 0, 3_600_000),
    },
    trustedDocuments: {
      paths: (
        env.TRUSTED_DOCUMENTS ||
        ['client', 'web'].map((dir) => path.join(__dirname, '..', dir, '__generated__', 'persisted-documents.json')).join(',')
      )
        .split(',')
        .map((p) => path.resolve(p.trim())),
      only: boolFrom(env, 'TRUSTED_DOCUMENTS_ONLY', false),
    },
    metrics: {
      enabled: boolFrom(env, 'METRICS_ENABLED', true),
      port: env.METRICS_PORT ? intFrom(env, 'METRICS_PORT', 0, 0, 65535) : null,
      maxOperationNames: intFrom(env, 'METRICS_MAX_OPERATION_NAMES', 200, 0, 100_000),
    },
    subscriptions: {
      maxSubscriptionsPerConnection: intFrom(env, 'MAX_SUBSCRIPTIONS_PER_CONNECTION', 20, 1, 10_000),
      maxConnectionsPerUser: intFrom(env, 'MAX_WS_CONNECTIONS_PER_USER', 10, 1, 100_000),
      maxMessageBytes: intFrom(env, 'WS_MAX_MESSAGE_BYTES', 65_536, 1024, 10_485_760),
      connectionInitTimeoutMs: intFrom(env, 'WS_CONNECTION_INIT_TIMEOUT_MS', 5000, 100, 60_000),
    },
    revocations: { feedUrl: env.REVOCATION_FEED_URL || undefined, pollMs: intFrom(env, 'REVOCATION_POLL_MS', 1000, 100, 2000) },
    auditRetentionDays: intFrom(env, 'AUDIT_RETENTION_DAYS', 365, 1, 36_500),
    booking: {
      checkInOpensMinutes: intFrom(env, 'CHECK_IN_OPENS_MINUTES', 10, 0, 120),
      checkInClosesMinutes: intFrom(env, 'CHECK_IN_CLOSES_MINUTES', 15, 1, 120),
      reminderMinutes: intFrom(env, 'BOOKING_REMINDER_MINUTES', 15, 0, 1440),
      waitlistMaxLength: intFrom(env, 'WAITLIST_MAX_LENGTH', 10, 1, 1000),
      jobsPollMs: intFrom(env, 'BOOKING_JOBS_POLL_MS', 1000, 20, 3_600_000),
      roomFaultNoticeDays: intFrom(env, 'ROOM_FAULT_NOTICE_DAYS', 7, 0, 365),
    },
    maintenance: { alertsPollMs: intFrom(env, 'MAINTENANCE_ALERTS_POLL_MS', 5000, 20, 3_600_000) },
    publicOrigin: (env.PUBLIC_ORIGIN || `http://localhost:${gatewayPort}`).replace(/\/+$/, ''),
    calendarSecret: env.CALENDAR_SECRET || derivedSecret(subgraphHmacSecret, 'calendar-feeds'),
    proxyRoutes: proxyRoutesFrom(env.GATEWAY_PROXY_ROUTES ?? '/calendar=booking'),
    responseCache: {
      enabled: boolFrom(env, 'GATEWAY_RESPONSE_CACHE', true),
      maxEntries: intFrom(env, 'GATEWAY_RESPONSE_CACHE_MAX_ENTRIES', 10_000, 0, 10_000_000),
      maxBytes: intFrom(env, 'GATEWAY_RESPONSE_CACHE_MAX_MB', 64, 0, 100_000) * 1024 * 1024,
    },
  };
}
