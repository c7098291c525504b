/**
 * The gateway's web pages: the GraphQL playground (GraphiQL) on GET /graphql for a browser,
 * in development only, and the maintenance dashboard on GET /dashboard, with their bundles under
 * /assets/. Everything comes from this process (web/, node_modules), nothing from a CDN.
 *
 * Mounted before the /graphql middleware: `app.use(webRoutes({ production: config.production }))`.
 * What is not ours falls through untouched: POST, GET queries asking for JSON, and in production
 * every /graphql request.
 */
import express, { type NextFunction, type Request, type RequestHandler, type Response, type Router } from 'express';
import { ASSETS_PATH, type LazyBundle } from '../web/build';
import { dashboardPage, playgroundPage, type WebPage } from '../web/pages';

export interface WebRoutesOptions {
  /** No playground, no source maps. */
  production: boolean;
}

/** A browser navigating to the URL, not a GraphQL client asking for JSON. */
function wantsHtml(req: Request): boolean {
  return (req.headers.accept ?? '').includes('text/html');
}

/** This page's own ws:// and wss:// origins, from a Host header that is a plain host[:port]. */
function socketOrigins(req: Request): string[] {
  const host = req.headers.host;
  return host && /^([\w.-]+|\[[\da-f:.]+\])(:\d{1,5})?$/i.test(host) ? [`ws://${host}`, `wss://${host}`] : [];
}

function buildFailed(res: Response, error: unknown, production: boolean): void {
  // A failed build is tried again on the next request (see lazyBundle).
  const detail = production ? '' : `: ${error instanceof Error ? error.message : String(error)}`;
  res.status(500).type('text/plain').send(`The page could not be built${detail}`);
}

function servePage(page: WebPage, production: boolean): RequestHandler {
  return async (req, res) => {
    let html: string;
    try {
      html = page.html(await page.bundle.get());
    } catch (error) {
      return buildFailed(res, error, production);
    }
    res.set({
      'Content-Type': 'text/html; charset=utf-8',
      'Cache-Control': 'no-cache',
      'Content-Security-Policy': page.contentSecurityPolicy(socketOrigins(req)),
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
    });
    res.send(html);
  };
}

function serveAssets(bundles: Map<string, LazyBundle>, production: boolean): RequestHandler {
  return async (req: Request, res: Response, next: NextFunction) => {
    const bundle = bundles.get(String(req.params.bundle));
    if (!bundle) return next();
    let file;
    try {
      file = (await bundle.get()).files.get(String(req.params.file));
    } catch (error) {
      return buildFailed(res, error, production);
    }
    if (!file) return next();
    res.set({
      'Content-Type': file.contentType,
      // File names carry a hash of their contents.
      'Cache-Control': 'public, max-age=31536000, immutable',
      'X-Content-Type-Options': 'nosniff',
    });
    res.send(file.contents);
  };
}

export function webRoutes(options: WebRoutesOptions): Router {
  const { production } = options;
  const dashboard = dashboardPage({ production });
  // Never built in production; bundles are built on first request, not at start-up, so a
  // gateway that nobody opens in a browser (every test) never pays for it.
  const playground = production ? undefined : playgroundPage();
  const pages = playground ? [dashboard, playground] : [dashboard];

  const router = express.Router();
  router.get('/dashboard', servePage(dashboard, production));
  if (playground) {
    const servePlayground = servePage(playground, production);
    router.get('/graphql', (req, res, next) => (wantsHtml(req) ? servePlayground(req, res, next) : next()));
  }
  router.get(`${ASSETS_PATH}/:bundle/:file`, serveAssets(new Map(pages.map((page) => [page.bundle.name, page.bundle])), production));
  return router;
}
