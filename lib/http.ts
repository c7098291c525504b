/** HTTP plumbing shared by the gateway and the subgraphs: listening, health answers, JSON errors. */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import express, { type ErrorRequestHandler, type Express } from 'express';

export interface RunningServer {
  httpServer: http.Server;
  port: number;
  url: string;
  close(): Promise<void>;
}

/** Listens on `port` (0 picks a free one) and resolves once bound. */
export function listen(app: Express | http.RequestListener, port: number, host: string): Promise<RunningServer> {
  const httpServer = http.createServer(app);
  // Keep-alive longer than typical load balancers' idle timeout, so they close first.
  httpServer.keepAliveTimeout = 65_000;
  // A client that trickles its headers or body holds a socket: cut it off (slowloris).
  httpServer.headersTimeout = 10_000;
  httpServer.requestTimeout = 30_000;
  return new Promise((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(port, host, () => {
      httpServer.off('error', reject);
      const bound = (httpServer.address() as AddressInfo).port;
      const shownHost = host === '0.0.0.0' || host === '::' ? 'localhost' : host;
      resolve({
        httpServer,
        port: bound,
        url: `http://${shownHost}:${bound}`,
        close: () =>
          new Promise<void>((done) => {
            httpServer.close(() => done());
            httpServer.closeAllConnections();
          }),
      });
    });
  });
}

/** `/live` answers while the process runs; `/health` asks `check` and answers 200 or 503. */
export function addHealthRoutes(app: Express, check: () => Promise<Record<string, unknown>>): void {
  app.get('/live', (_req, res) => {
    res.json({ status: 'live' });
  });
  app.get('/health', async (_req, res) => {
    try {
      const details = await check();
      res.status(200).json({ status: 'ok', ...details });
    } catch (error) {
      const details = (error as { details?: Record<string, unknown> }).details ?? {};
      res.status(503).json({ status: 'unavailable', ...details });
    }
  });
}

/** An Error that carries details for a 503 health answer. */
export class HealthError extends Error {
  constructor(public readonly details: Record<string, unknown>) {
    super('unhealthy');
  }
}

/** Malformed bodies get a GraphQL-shaped JSON error instead of Express's HTML page. */
export const jsonErrorHandler: ErrorRequestHandler = (error, _req, res, next) => {
  if (res.headersSent) return next(error);
  const status = clientErrorStatus(error) ?? 500;
  const message = status === 413 ? 'The request body is larger than 1 MB' : status < 500 ? 'Malformed request body' : 'Internal server error';
  const code = status === 413 ? 'MAX_BODY_SIZE_EXCEEDED' : status < 500 ? 'BAD_REQUEST' : 'INTERNAL_SERVER_ERROR';
  res.status(status).json({ errors: [{ message, extensions: { code } }] });
};

/** The status a body-parser error carries when it is the client's fault (below 500). */
function clientErrorStatus(error: unknown): number | undefined {
  const status = typeof error === 'object' && error !== null && 'status' in error ? error.status : undefined;
  return typeof status === 'number' && status < 500 ? status : undefined;
}

export const jsonBody = () => express.json({ limit: '1mb' });

export function firstHeader(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
