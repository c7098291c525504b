/**
 * Plain GET routes the gateway forwards to a subgraph's own HTTP server (`GATEWAY_PROXY_ROUTES`,
 * e.g. `/calendar=booking`), so that such URLs live on the gateway's origin. The gateway knows
 * only the prefix and the subgraph's name; the subgraph answers (and checks the signature).
 */
import express, { type Router } from 'express';
import type { ProxyRoute } from '../lib/config';
import { REQUEST_SIGNATURE_HEADER, signRequest } from '../lib/hmac';
import type { Logger } from '../lib/logger';

/** Response headers passed back to the client; everything else stays between gateway and subgraph. */
const PASSED_HEADERS = ['content-type', 'content-disposition', 'cache-control', 'etag', 'last-modified'];
const PROXY_TIMEOUT_MS = 10_000;

export interface ProxyOptions {
  routes: readonly ProxyRoute[];
  /** The subgraph's GraphQL URL by name (its origin is used). */
  urlOf(subgraph: string): string | undefined;
  secret: string;
  logger: Logger;
}

export function proxyRoutes(options: ProxyOptions): Router {
  const router = express.Router();
  for (const route of options.routes) {
    router.use(route.prefix, async (req, res, next) => {
      if (req.method !== 'GET' && req.method !== 'HEAD') return next();
      const url = options.urlOf(route.subgraph);
      if (!url) return next();
      const target = new URL(req.originalUrl, new URL(url).origin);
      // `/calendar/../graphql` resolves outside the prefix: never forward it.
      if (!target.pathname.startsWith(`${route.prefix}/`)) return next();
      try {
        const upstream = await fetch(target, {
          method: req.method,
          headers: { [REQUEST_SIGNATURE_HEADER]: signRequest(options.secret, req.method, req.originalUrl) },
          redirect: 'manual',
          signal: AbortSignal.timeout(PROXY_TIMEOUT_MS),
        });
        res.status(upstream.status);
        for (const name of PASSED_HEADERS) {
          const value = upstream.headers.get(name);
          if (value) res.set(name, value);
        }
        res.set('X-Content-Type-Options', 'nosniff');
        res.send(Buffer.from(await upstream.arrayBuffer()));
      } catch (error) {
        options.logger.warn({ err: error, subgraph: route.subgraph }, 'proxied request failed');
        res.status(502).type('text/plain').send('The service behind this URL did not answer');
      }
    });
  }
  return router;
}
