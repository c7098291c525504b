/**
 * Production serves the pages `npm run build` wrote and never builds: web/build (esbuild) is
 * replaced here by a module that throws on load, so any path that reached it would fail.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import express from 'express';
import { webRoutes } from '../gateway/web';
import { listen, type RunningServer } from '../lib/http';
import { contentTypeOf, type Bundle } from './bundle';
import { DASHBOARD_BUNDLE } from './pages';
import { readBundle, writeBundle } from './prebuilt';

jest.mock('./build', () => {
  throw new Error('production loaded web/build');
});

const servers: RunningServer[] = [];
const dirs: string[] = [];

async function tempDir(): Promise<string> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'campus-web-'));
  dirs.push(dir);
  return dir;
}

async function serveProduction(builtDir: string): Promise<string> {
  const app = express();
  app.use(webRoutes({ production: true, builtDir }));
  app.use((_req, res) => void res.status(404).json({ fellThrough: true }));
  const server = await listen(app, 0, '127.0.0.1');
  servers.push(server);
  return server.url;
}

const file = (text: string, name: string) => [name, { contents: Buffer.from(text), contentType: contentTypeOf(name) }] as const;
const dashboard: Bundle = {
  entries: { dashboard: { script: '/assets/dashboard/dashboard-AAAA.js', stylesheet: '/assets/dashboard/dashboard-BBBB.css' } },
  files: new Map([file('console.log("built")', 'dashboard-AAAA.js'), file('body{}', 'dashboard-BBBB.css')]),
};

afterAll(async () => {
  await Promise.all(servers.map((server) => server.close()));
  await Promise.all(dirs.map((dir) => fs.rm(dir, { recursive: true, force: true })));
});

test('a written bundle reads back the same', async () => {
  const dir = await tempDir();
  await writeBundle(dir, DASHBOARD_BUNDLE, dashboard);
  expect(await readBundle(dir, DASHBOARD_BUNDLE)).toEqual(dashboard);
});

test('production serves the built dashboard and its files, and nothing else', async () => {
  const dir = await tempDir();
  await writeBundle(dir, DASHBOARD_BUNDLE, dashboard);
  const url = await serveProduction(dir);

  const page = await fetch(`${url}/dashboard`);
  expect(page.status).toBe(200);
  expect(page.headers.get('content-type')).toMatch(/^text\/html/);
  const html = await page.text();
  expect(html).toContain('<script defer src="/assets/dashboard/dashboard-AAAA.js"></script>');
  expect(html).toContain('<link rel="stylesheet" href="/assets/dashboard/dashboard-BBBB.css" />');

  const script = await fetch(`${url}/assets/dashboard/dashboard-AAAA.js`);
  expect(script.status).toBe(200);
  expect(script.headers.get('content-type')).toMatch(/^text\/javascript/);
  expect(script.headers.get('cache-control')).toContain('immutable');
  expect(await script.text()).toBe('console.log("built")');

  for (const fellThrough of ['/assets/dashboard/manifest.json', '/assets/dashboard/dashboard-AAAA.js.map', '/assets/playground/playground.js']) {
    expect({ path: fellThrough, status: (await fetch(`${url}${fellThrough}`)).status }).toEqual({ path: fellThrough, status: 404 });
  }
  expect((await fetch(`${url}/graphql`, { headers: { accept: 'text/html' } })).status).toBe(404);
});

test('production without a build says to run npm run build, and serves the pages once built', async () => {
  const dir = await tempDir();
  const url = await serveProduction(dir);
  const missing = await fetch(`${url}/dashboard`);
  expect(missing.status).toBe(503);
  expect(await missing.text()).toMatch(/The dashboard page is not built .*run `npm run build`/);

  await writeBundle(dir, DASHBOARD_BUNDLE, dashboard);
  expect((await fetch(`${url}/dashboard`)).status).toBe(200);
});
