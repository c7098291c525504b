/**
 * The browser bundles of the gateway's web pages, built by esbuild in memory from web/ and
 * node_modules: nothing to build beforehand, nothing written to disk, nothing from a CDN.
 * A bundle is built on its first request and kept for the life of the process.
 */
import path from 'node:path';
import { build, type Metafile, type OutputFile } from 'esbuild';

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

export interface LazyBundle {
  readonly name: string;
  /** Builds on the first call; later calls share that build (a failed build is retried). */
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

export function bundleUrl(bundleName: string, fileName: string): string {
  return `${ASSETS_PATH}/${bundleName}/${fileName}`;
}

async function buildBundle(definition: BundleDefinition): Promise<Bundle> {
  // Only names paths: with `write: false` nothing lands there.
  const outdir = path.join(__dirname, '.out', definition.name);
  const result = await build({
    entryPoints: Object.entries(definition.entryPoints).map(([out, source]) => ({ out, in: source })),
    absWorkingDir: __dirname,
    outdir,
    write: false,
    bundle: true,
    metafile: true,
    // One classic script per entry point (dynamic imports inlined): also right for web workers.
    format: 'iife',
    platform: 'browser',
    target: ['es2022'],
    minify: true,
    sourcemap: definition.sourceMaps ? 'linked' : false,
    // Content hashes in the names let browsers keep the files for good.
    entryNames: '[name]-[hash]',
    assetNames: '[name]-[hash]',
    publicPath: bundleUrl(definition.name, ''),
    loader: { '.ttf': 'file', '.woff': 'file', '.woff2': 'file', '.svg': 'file', '.png': 'file' },
    define: { 'process.env.NODE_ENV': '"production"' },
    logLevel: 'silent',
  });
  return {
    entries: entryUrls(definition, result.metafile),
    files: new Map(result.outputFiles.map((file: OutputFile) => [path.basename(file.path), asset(file)])),
  };
}

function asset(file: OutputFile): Asset {
  const contents = Buffer.from(file.contents.buffer, file.contents.byteOffset, file.contents.byteLength);
  return { contents, contentType: CONTENT_TYPES[path.extname(file.path)] ?? 'application/octet-stream' };
}

/** Which output files belong to which entry point, from esbuild's metafile. */
function entryUrls(definition: BundleDefinition, metafile: Metafile): Bundle['entries'] {
  const entryNameBySource = new Map(Object.entries(definition.entryPoints).map(([name, source]) => [path.resolve(source), name]));
  const entries: Bundle['entries'] = {};
  for (const [outputPath, output] of Object.entries(metafile.outputs)) {
    const entryName = output.entryPoint && entryNameBySource.get(path.resolve(__dirname, output.entryPoint));
    if (!entryName || !outputPath.endsWith('.js')) continue;
    entries[entryName] = {
      script: bundleUrl(definition.name, path.basename(outputPath)),
      ...(output.cssBundle ? { stylesheet: bundleUrl(definition.name, path.basename(output.cssBundle)) } : {}),
    };
  }
  const missing = Object.keys(definition.entryPoints).filter((name) => !entries[name]);
  if (missing.length > 0) throw new Error(`The ${definition.name} bundle has no output for ${missing.join(', ')}`);
  return entries;
}

export function lazyBundle(definition: BundleDefinition): LazyBundle {
  let building: Promise<Bundle> | undefined;
  return {
    name: definition.name,
    get() {
      building ??= buildBundle(definition).catch((error: unknown) => {
        building = undefined;
        throw error;
      });
      return building;
    },
  };
}
