/**
 * The revocation feed: what `readRevocations` answers, over HTTP, for an instance without a
 * database (the gateway). The users subgraph serves it at `POST /revocations`; a request is
 * `{ since, at }` signed like every gateway-to-subgraph call (HMAC-SHA256 with the subgraph
 * secret, base64, over the raw body), and refused once older than a minute.
 */
import express, { type Router } from 'express';
import { createAccessTokenService, type AccessTokenService } from './auth';
import { revocationFeedUrl, type Config } from './config';
import { hmacBase64, verifyHmac } from './hmac';
import type { Logger } from './logger';
import { RevocationCache, RevocationFollower, type RevocationFeed } from './revocations';

/** A signed feed request is accepted this long after it was made (replays are refused later). */
const REQUEST_MAX_AGE_MS = 60_000;

export const FEED_SIGNATURE_HEADER = 'hmac-signature';

interface FeedRequest {
  since: number | null;
  /** When the request was made (ms since the epoch), inside the signature: old requests are refused. */
  at: number;
}

/** A follower of a revocation feed over HTTP (the gateway, which has no database). */
export function followFeed(url: string, cache: RevocationCache, options: { secret: string; pollMs: number; logger: Logger }): RevocationFollower {
  return new RevocationFollower({
    cache,
    pollMs: options.pollMs,
    logger: options.logger,
    read: async (since) => {
      const body = JSON.stringify({ since, at: Date.now() } satisfies FeedRequest);
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', [FEED_SIGNATURE_HEADER]: hmacBase64(options.secret, body) },
        body,
        signal: AbortSignal.timeout(Math.max(1000, options.pollMs * 2)),
      });
      if (!response.ok) throw new Error(`revocation feed answered ${response.status}`);
      return (await response.json()) as RevocationFeed;
    },
  });
}

function parseFeedRequest(body: string): FeedRequest | null {
  try {
    const parsed = JSON.parse(body) as Partial<FeedRequest>;
    if (typeof parsed.at !== 'number') return null;
    return { at: parsed.at, since: typeof parsed.since === 'number' ? parsed.since : null };
  } catch {
    return null;
  }
}

/** Serves the feed: `POST` `{ since, at }` signed with the subgraph secret over the raw body. */
export function revocationFeedRoute(secret: string, read: (since: number | null) => Promise<RevocationFeed>): Router {
  const router = express.Router();
  router.post('/revocations', express.text({ type: 'application/json', limit: '1kb' }), async (req, res, next) => {
    const body = typeof req.body === 'string' ? req.body : '';
    if (!verifyHmac(secret, body, req.get(FEED_SIGNATURE_HEADER))) {
      res.status(401).json({ error: 'The revocation feed answers only signed requests' });
      return;
    }
    const request = parseFeedRequest(body);
    if (!request || Math.abs(Date.now() - request.at) > REQUEST_MAX_AGE_MS) {
      res.status(401).json({ error: 'The request is malformed or too old' });
      return;
    }
    const { since } = request;
    try {
      res.json(await read(since));
    } catch (error) {
      next(error);
    }
  });
  return router;
}

/**
 * A gateway's access-token service, refusing revoked sessions, with the cache behind it and the
 * follower of the feed (`REVOCATION_FEED_URL`, or beside `feedSubgraphUrl`). Without a feed the
 * gateway logs so, and revoked sessions are refused by the subgraphs only.
 */
export function gatewayTokens(
  config: Config,
  feedSubgraphUrl: string | undefined,
  logger: Logger,
): { tokens: AccessTokenService; revocations: RevocationCache; follower?: RevocationFollower } {
  const revocations = new RevocationCache();
  const tokens = createAccessTokenService(config.jwt, revocations);
  const url = revocationFeedUrl(config, feedSubgraphUrl);
  if (!url) logger.warn('no revocation feed (REVOCATION_FEED_URL): revoked sessions are refused by the subgraphs only');
  const follower = url ? followFeed(url, revocations, { secret: config.subgraphHmacSecret, pollMs: config.revocations.pollMs, logger }) : undefined;
  return { tokens, revocations, follower };
}
