/**
 * The gateway's web pages: the GraphQL playground (GraphiQL) on GET /graphql for a browser,
 * in development only, and the maintenance dashboard on GET /dashboard, with their bundles under
 * /assets/. Everything comes from this process, nothing from a CDN: in development each bundle
 * is built by esbuild on its first request; in production the dashboard is the one `npm run
 * build` wrote to dist/web/, and esbuild, React and GraphiQL are never imported.
 *
 * Mounted before the /graphql middleware: `app.use(webRoutes({ production: config.production }))`.
 * What is not ours falls through untouched: POST, GET queries asking for JSON, and in production
 * every /graphql request.
 */
import express, { type NextFunction, type Request, type RequestHandler, type Response, type Router } from 'express';
import { ASSETS_PATH, onceSource, type BundleDefinition, type BundleSource } from '../web/bundle';
import { DASHBOARD_BUNDLE, dashboardBundle, dashboardPage, playgroundBundle, playgroundPage, type WebPage } from '../web/pages';
import { NotBuiltError, prebuiltBundle, WEB_BUILD_DIR } from '../web/prebuilt';

export interface WebRoutesOptions {
  /** No playground, no source maps, no building: the dashboard comes from `builtDir`. */
  production: boolean;
  /**
   * Where `npm run build` wrote the pages (production only).
   * @default dist/web/ at the repository's root
   */
  builtDir?: string;
}

/** Built by esbuild on the first request. esbuild is imported only then, so production, which never gets here, runs without it. */
function builtOnDemand(definition: BundleDefinition): BundleSource {
  // require, not import(): this CommonJS project's dynamic import() would need a file extension
  // that jest's resolver does not map back to .ts.
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded only here, in development (see above)
  return onceSource(definition.name, async () => (require('../web/build') as typeof import('../web/build')).buildBundle(definition));
}

function installed(packageName: string): boolean {
  try {
    require.resolve(`${packageName}/package.json`);
    return true;
  } catch {
    return false;
  }
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
  // The operator's mistake, and no secret: say what to do.
  if (error instanceof NotBuiltError) return void res.status(503).type('text/plain').send(error.message);
  // A failed build is tried again on the next request (see onceSource).
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

function serveAssets(bundles: Map<string, BundleSource>, production: boolean): RequestHandler {
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
  const { production, builtDir = WEB_BUILD_DIR } = options;
  // Bundles are built (or read) on first request, not at start-up, so a gateway that nobody
  // opens in a browser (most tests) never pays for it.
  const dashboard = dashboardPage(production ? prebuiltBundle(builtDir, DASHBOARD_BUNDLE) : builtOnDemand(dashboardBundle({ sourceMaps: true })));
  // A development gateway on a production install (the Docker image) has no GraphiQL to build.
  const playground = production || !installed('graphiql') ? undefined : playgroundPage(builtOnDemand(playgroundBundle()));
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
