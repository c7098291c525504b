/**
 * A browser bundle of one of the gateway's web pages, whoever made it: esbuild in this process
 * (development, web/build.ts) or `npm run build` ahead of time (production, web/prebuilt.ts).
 * This module imports no build tool, so production can load it without dev dependencies.
 */
import path from 'node:path';

/** One built file, served under `/assets/<bundle name>/<file name>`. */
export interface Asset {
  contents: Buffer;
  contentType: string;
}

export interface Bundle {
  /** The URL of each entry point's script (and stylesheet, when it imports CSS), by entry name. */
  entries: Record<string, { script: string; stylesheet?: string }>;
  /** Every built file by file name: scripts, stylesheets, fonts, source maps. */
  files: Map<string, Asset>;
}

export interface BundleDefinition {
  /** Also the URL folder: `/assets/<name>/`. */
  name: string;
  /** Entry name → absolute path of its source file. */
  entryPoints: Record<string, string>;
  /** Also serve source maps (development). */
  sourceMaps: boolean;
}

/** Where a page's bundle comes from: built on demand, or read from `npm run build`'s output. */
export interface BundleSource {
  readonly name: string;
  /** Loads (or builds) on the first call; later calls share it (a failure is retried). */
  get(): Promise<Bundle>;
}

export const ASSETS_PATH = '/assets';

const CONTENT_TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.ttf': 'font/ttf',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

export function contentTypeOf(fileName: string): string {
  return CONTENT_TYPES[path.extname(fileName)] ?? 'application/octet-stream';
}

export function bundleUrl(bundleName: string, fileName: string): string {
  return `${ASSETS_PATH}/${bundleName}/${fileName}`;
}

/** A source that runs `load` once, shares its promise, and forgets a failure so the next call retries. */
export function onceSource(name: string, load: () => Promise<Bundle>): BundleSource {
  let loading: Promise<Bundle> | undefined;
  return {
    name,
    get() {
      loading ??= load().catch((error: unknown) => {
        loading = undefined;
        throw error;
      });
      return loading;
    },
  };
}
