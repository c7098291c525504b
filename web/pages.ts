/**
 * The gateway's two web pages: which sources each one bundles, its HTML shell, and the
 * Content-Security-Policy that holds it to its own origin (no CDN, no other host).
 * Where a bundle comes from (built here, or by `npm run build`) is the caller's choice.
 */
import path from 'node:path';
import type { Bundle, BundleDefinition, BundleSource } from './bundle';

export const DASHBOARD_BUNDLE = 'dashboard';

export interface WebPage {
  bundle: BundleSource;
  /** The HTML document, once its bundle is built. */
  html(bundle: Bundle): string;
  /** `socketOrigins`: the page's own ws:// and wss:// origins (older browsers' 'self' leaves them out). */
  contentSecurityPolicy(socketOrigins: string[]): string;
}

function policy(directives: Record<string, string[]>): string {
  return Object.entries(directives)
    .map(([name, sources]) => [name, ...sources].join(' '))
    .join('; ');
}

const SHARED_DIRECTIVES = {
  'default-src': ["'none'"],
  'script-src': ["'self'"],
  'img-src': ["'self'", 'data:'],
  'font-src': ["'self'", 'data:'],
  'base-uri': ["'none'"],
  'form-action': ["'none'"],
  'frame-ancestors': ["'none'"],
};

function htmlDocument(title: string, bundle: Bundle, entry: string, body: string): string {
  const { script, stylesheet } = bundle.entries[entry];
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>${title}</title>
    <link rel="icon" href="data:," />
    ${stylesheet ? `<link rel="stylesheet" href="${stylesheet}" />` : ''}
    <script defer src="${script}"></script>
  </head>
  <body>
${body}
  </body>
</html>
`;
}

/** What the dashboard bundles; `npm run build` builds it without source maps for production. */
export function dashboardBundle(options: { sourceMaps: boolean }): BundleDefinition {
  return { name: DASHBOARD_BUNDLE, sourceMaps: options.sourceMaps, entryPoints: { dashboard: require.resolve('./dashboard/main.ts') } };
}

export function dashboardPage(bundle: BundleSource): WebPage {
  return {
    bundle,
    html: (bundle) =>
      htmlDocument(
        'Maintenance dashboard · Campus Services Hub',
        bundle,
        'dashboard',
        `    <header class="top">
      <h1>Maintenance dashboard</h1>
      <div class="account" id="account" hidden>
        <span class="live-state" id="live-state" data-testid="live-state" role="status"></span>
        <span class="bell">
          <button type="button" id="bell" data-testid="bell" aria-label="Notifications" aria-expanded="false">Notifications <span class="bell-count" id="bell-count" data-testid="bell-count">0</span></button>
          <ol class="bell-list" id="bell-list" data-testid="bell-list" hidden></ol>
        </span>
        <span id="signed-in-as" data-testid="signed-in-as"></span>
        <button type="button" id="sign-out" data-testid="sign-out">Sign out</button>
      </div>
    </header>
    <main>
      <form class="sign-in" id="sign-in" data-testid="sign-in-form" hidden>
        <h2>Sign in</h2>
        <label>Email <input name="email" type="email" autocomplete="username" required data-testid="sign-in-email" /></label>
        <label>Password <input name="password" type="password" autocomplete="current-password" required data-testid="sign-in-password" /></label>
        <button type="submit" data-testid="sign-in-submit">Sign in</button>
        <p class="error" id="sign-in-error" data-testid="sign-in-error" role="alert" hidden></p>
      </form>
      <section class="board" id="board" data-testid="board" aria-live="polite" hidden></section>
      <noscript>The dashboard needs JavaScript.</noscript>
    </main>`,
      ),
    contentSecurityPolicy: (socketOrigins) => policy({ ...SHARED_DIRECTIVES, 'style-src': ["'self'"], 'connect-src': ["'self'", ...socketOrigins] }),
  };
}

/** A file of one of GraphiQL's own dependencies: the very copy its code imports. */
function fromGraphiQL(specifier: string): string {
  const graphiql = path.dirname(require.resolve('graphiql/package.json'));
  const graphiqlReact = path.dirname(require.resolve('@graphiql/react/package.json', { paths: [graphiql] }));
  return require.resolve(specifier, { paths: [graphiqlReact] });
}

/** GraphiQL, and the three web workers its editor (Monaco) runs its language services in (development only). */
export function playgroundBundle(): BundleDefinition {
  return {
    name: 'playground',
    // Megabytes of third-party code: source maps would only cost memory.
    sourceMaps: false,
    entryPoints: {
      playground: require.resolve('./playground/main.ts'),
      'editor.worker': fromGraphiQL('monaco-editor/esm/vs/editor/editor.worker.js'),
      'json.worker': fromGraphiQL('monaco-editor/esm/vs/language/json/json.worker.js'),
      'graphql.worker': fromGraphiQL('monaco-graphql/esm/graphql.worker.js'),
    },
  };
}

export function playgroundPage(bundle: BundleSource): WebPage {
  return {
    bundle,
    html: (bundle) =>
      htmlDocument(
        'GraphQL playground · Campus Services Hub',
        bundle,
        'playground',
        `    <div id="graphiql" data-editor-worker="${bundle.entries['editor.worker'].script}" data-json-worker="${bundle.entries['json.worker'].script}" data-graphql-worker="${bundle.entries['graphql.worker'].script}">Loading the playground…</div>`,
      ),
    contentSecurityPolicy: (socketOrigins) =>
      // Monaco writes <style> elements of its own at run time.
      policy({
        ...SHARED_DIRECTIVES,
        'style-src': ["'self'", "'unsafe-inline'"],
        'worker-src': ["'self'"],
        'connect-src': ["'self'", ...socketOrigins],
      }),
  };
}
