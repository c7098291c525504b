/**
 * The web pages as `npm run build` leaves them on disk, one folder per bundle:
 * `<dir>/<bundle>/manifest.json` (entry URLs and file names) beside the built files.
 * Production serves these and never builds; reading them needs no dev dependency.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { contentTypeOf, onceSource, type Bundle, type BundleSource } from './bundle';

/** Where `npm run build` writes the pages and production reads them: `dist/web/`. */
export const WEB_BUILD_DIR = path.join(__dirname, '..', 'dist', 'web');

const MANIFEST = 'manifest.json';

interface Manifest {
  entries: Bundle['entries'];
  files: string[];
}

/** The page was never built: production has nothing to serve (and nothing to build with). */
export class NotBuiltError extends Error {
  constructor(bundleName: string, dir: string) {
    super(`The ${bundleName} page is not built (no ${path.join(dir, bundleName, MANIFEST)}): run \`npm run build\``);
  }
}

/** Replaces `<dir>/<bundle name>/` with the bundle's files and manifest. */
export async function writeBundle(dir: string, name: string, bundle: Bundle): Promise<void> {
  const folder = path.join(dir, name);
  await fs.rm(folder, { recursive: true, force: true });
  await fs.mkdir(folder, { recursive: true });
  for (const [fileName, asset] of bundle.files) await fs.writeFile(path.join(folder, fileName), asset.contents);
  const manifest: Manifest = { entries: bundle.entries, files: [...bundle.files.keys()].sort() };
  await fs.writeFile(path.join(folder, MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`);
}

export async function readBundle(dir: string, name: string): Promise<Bundle> {
  const folder = path.join(dir, name);
  let manifest: Manifest;
  try {
    manifest = JSON.parse(await fs.readFile(path.join(folder, MANIFEST), 'utf8')) as Manifest;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new NotBuiltError(name, dir);
    throw error;
  }
  const files: Bundle['files'] = new Map();
  // basename: a manifest names files of its own folder only.
  for (const fileName of manifest.files.map((file) => path.basename(file))) {
    files.set(fileName, { contents: await fs.readFile(path.join(folder, fileName)), contentType: contentTypeOf(fileName) });
  }
  return { entries: manifest.entries, files };
}

/** Read on the first `get()` and kept in memory (a few hundred kilobytes for the dashboard). */
export function prebuiltBundle(dir: string, name: string): BundleSource {
  return onceSource(name, () => readBundle(dir, name));
}
