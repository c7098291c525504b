/**
 * Builds the browser bundles of the gateway's web pages with esbuild from web/ and node_modules,
 * in memory: the development gateway builds a page on its first request (nothing to build
 * beforehand), and `npm run build` (scripts/build.ts) writes the production pages to disk.
 * Development only: production never imports this module, and so never needs esbuild.
 */
import path from 'node:path';
import { build, type Metafile, type OutputFile } from 'esbuild';
import { bundleUrl, contentTypeOf, type Asset, type Bundle, type BundleDefinition } from './bundle';

export async function buildBundle(definition: BundleDefinition): Promise<Bundle> {
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
  return { contents, contentType: contentTypeOf(file.path) };
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
