/**
 * `npm run build`: the production web pages, built once ahead of time into dist/web/ (or the
 * folder given as the first argument), so a production gateway serves files and needs neither
 * esbuild nor the pages' browser dependencies. Only the dashboard: the playground is
 * development-only and keeps being built on its first request there.
 */
import path from 'node:path';
import { buildBundle } from '../web/build';
import { dashboardBundle } from '../web/pages';
import { WEB_BUILD_DIR, writeBundle } from '../web/prebuilt';

async function main() {
  const dir = path.resolve(process.argv[2] ?? WEB_BUILD_DIR);
  for (const definition of [dashboardBundle({ sourceMaps: false })]) {
    const bundle = await buildBundle(definition);
    await writeBundle(dir, definition.name, bundle);
    const bytes = [...bundle.files.values()].reduce((sum, file) => sum + file.contents.length, 0);
    console.log(
      `${path.relative(process.cwd(), path.join(dir, definition.name)) || '.'}/: ${bundle.files.size} files, ${(bytes / 1024).toFixed(0)} KiB`,
    );
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
