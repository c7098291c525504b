/**
 * The gateway's web pages (gateway/web.ts). Which requests the router takes and which fall
 * through, on a bare Express app; then, in a real browser (Debian's Chromium driven by
 * playwright-core) against the whole system: the maintenance dashboard follows a ticket live
 * from creation to resolution without a reload, and the development playground (GraphiQL)
 * loads nothing from outside the gateway and runs a subscription with the token typed into
 * its headers editor.
 * (An ADMIN acting on tickets from the dashboard: test/dashboardActions.test.ts.)
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import express from 'express';
import type { Browser, Page } from 'playwright-core';
import { webRoutes } from '../gateway/web';
import { listen, type RunningServer } from '../lib/http';
import { buildBundle } from '../web/build';
import { dashboardBundle } from '../web/pages';
import { writeBundle } from '../web/prebuilt';
import { describeInChromium, launchChromium, newPage as newBrowserPage, signInAsAdmin } from './dashboardBrowser';
import { DEMO, eventually, startGatewayBeside, startTestStack, type TestStack } from './stack';

describe('which requests the web routes take', () => {
  const servers: RunningServer[] = [];

  /** webRoutes on a bare app whose fallback answers 404 `{ fellThrough: true }`. */
  async function serve(production: boolean, builtDir?: string): Promise<string> {
    const app = express();
    app.use(webRoutes({ production, builtDir }));
    app.use((_req, res) => void res.status(404).json({ fellThrough: true }));
    const server = await listen(app, 0, '127.0.0.1');
    servers.push(server);
    return server.url;
  }
  const fellThrough = async (response: Response) =>
    response.status === 404 && ((await response.json()) as { fellThrough?: boolean }).fellThrough === true;

  afterAll(() => Promise.all(servers.map((server) => server.close())));

  test('development: a browser gets the playground on GET /graphql; GraphQL clients fall through', async () => {
    const url = await serve(false);
    const page = await fetch(`${url}/graphql`, { headers: { accept: 'text/html,application/xhtml+xml,*/*;q=0.8' } });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(page.headers.get('content-security-policy')).toContain("default-src 'none'");
    const html = await page.text();
    expect(html).toContain('id="graphiql"');
    const script = html.match(/src="(\/assets\/playground\/[^"]+\.js)"/)?.[1];
    expect(script).toBeDefined();
    const asset = await fetch(`${url}${script}`);
    expect(asset.status).toBe(200);
    expect(asset.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect(asset.headers.get('cache-control')).toContain('immutable');

    expect(await fellThrough(await fetch(`${url}/graphql?query=%7B__typename%7D`, { headers: { accept: 'application/json' } }))).toBe(true);
    expect(await fellThrough(await fetch(`${url}/graphql`))).toBe(true);
    expect(
      await fellThrough(
        await fetch(`${url}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', accept: 'text/html' },
          body: '{"query":"{ __typename }"}',
        }),
      ),
    ).toBe(true);
    expect(await fellThrough(await fetch(`${url}/assets/playground/no-such-file.js`))).toBe(true);
  });

  test('production: the dashboard npm run build wrote is served, the playground and its files are not', async () => {
    // What `npm run build` does (scripts/build.ts), into a folder of this test's own.
    const builtDir = fs.mkdtempSync(path.join(os.tmpdir(), 'campus-web-'));
    const definition = dashboardBundle({ sourceMaps: false });
    await writeBundle(builtDir, definition.name, await buildBundle(definition));
    const url = await serve(true, builtDir);
    expect(await fellThrough(await fetch(`${url}/graphql`, { headers: { accept: 'text/html' } }))).toBe(true);
    expect(await fellThrough(await fetch(`${url}/assets/playground/playground.js`))).toBe(true);
    const dashboard = await fetch(`${url}/dashboard`, { headers: { accept: 'text/html' } });
    expect(dashboard.status).toBe(200);
    const html = await dashboard.text();
    expect(html).toContain('data-testid="sign-in-form"');
    const script = html.match(/src="(\/assets\/dashboard\/[^"]+\.js)"/)?.[1];
    expect((await fetch(`${url}${script}`)).status).toBe(200);
    // No source maps in production.
    expect(await fellThrough(await fetch(`${url}${script}.map`))).toBe(true);
    fs.rmSync(builtDir, { recursive: true });
  });
});

describeInChromium('in Chromium', () => {
  let stack: TestStack;
  let browser: Browser;
  let origin: string;
  let adminToken: string;
  let studentToken: string;

  beforeAll(async () => {
    stack = await startTestStack();
    origin = new URL(stack.gatewayUrl).origin;
    adminToken = (await stack.login(DEMO.ADMIN.email, DEMO.ADMIN.password)).accessToken;
    studentToken = (await stack.login(DEMO.STUDENT.email, DEMO.STUDENT.password)).accessToken;
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await stack?.close();
  });

  const subscribers = () => stack.system.gateway.liveStats().subscribers;

  const newPage = (): Promise<Page> => newBrowserPage(browser);

  async function createTicket(title: string, location: string): Promise<{ id: string; priority: string }> {
    const made = await stack.gql<{ createTicket: { id: string; priority: string } }>(
      'mutation($i: CreateTicketInput!) { createTicket(input: $i) { id priority } }',
      { i: { title, description: 'Reported from the dashboard test.', location } },
      studentToken,
    );
    if (!made.data) throw new Error(JSON.stringify(made.errors));
    return made.data.createTicket;
  }

  async function moveTo(id: string, status: string): Promise<void> {
    const moved = await stack.gql(
      'mutation($id: ID!, $s: TicketStatus!) { updateTicketStatus(id: $id, status: $s) { status } }',
      { id, s: status },
      adminToken,
    );
    if (moved.errors) throw new Error(JSON.stringify(moved.errors));
  }

  test('an ADMIN signs in and follows a ticket live, from creation to resolution, without a reload', async () => {
    const page = await newPage();
    let navigations = 0;
    page.on('framenavigated', (frame) => void (frame === page.mainFrame() && navigations++));

    expect((await page.goto(`${origin}/dashboard`))?.status()).toBe(200);
    await page.getByTestId('sign-in-email').fill(DEMO.ADMIN.email);
    await page.getByTestId('sign-in-password').fill(DEMO.ADMIN.password);
    await page.getByTestId('sign-in-submit').click();
    await page.locator('[data-testid="live-state"][data-state="live"]').waitFor();
    await page.getByTestId('no-tickets').waitFor();
    expect(await page.getByTestId('signed-in-as').textContent()).toBe('Ada Admin');

    const leak = await createTicket('Dripping tap in the library toilets', 'Library, ground floor');
    const sparks = await createTicket('Sparks from socket in lab 3', 'Science building, lab 3');
    expect(sparks.priority).toBe('CRITICAL');
    expect(leak.priority).not.toBe('CRITICAL');

    // It appears with everything an ADMIN needs to act on it, CRITICAL first.
    const row = page.getByTestId(`ticket-${sparks.id}`);
    await row.waitFor();
    expect(await row.getByTestId('ticket-title').textContent()).toBe('Sparks from socket in lab 3');
    expect(await row.getByTestId('ticket-priority').textContent()).toBe('CRITICAL');
    expect(await row.getByTestId('ticket-status').textContent()).toBe('OPEN');
    expect(await row.getByTestId('ticket-location').textContent()).toBe('Science building, lab 3');
    expect(await row.getByTestId('ticket-reporter').textContent()).toBe('Sam Student');
    expect(await row.getByTestId('ticket-due').textContent()).toMatch(/in (1 h|\d+ min)/);
    expect(await row.getAttribute('class')).not.toContain('overdue');
    await page.getByTestId(`ticket-${leak.id}`).waitFor();
    const groups = await page.locator('[data-testid^="priority-"]').evaluateAll((sections) => sections.map((s) => s.getAttribute('data-testid')));
    expect(groups[0]).toBe('priority-CRITICAL');
    expect(groups).toHaveLength(2);

    // Past its due time and taken on: the next event shows both.
    await stack.system.db
      .knex('maintenance.tickets')
      .where({ id: sparks.id })
      .update({ sla_due_at: new Date(Date.now() - 5 * 60_000) });
    await moveTo(sparks.id, 'IN_PROGRESS');
    await row
      .getByTestId('ticket-status')
      .filter({ hasText: /^IN_PROGRESS$/ })
      .waitFor();
    await row.getByTestId('overdue-badge').filter({ hasText: 'OVERDUE' }).waitFor();
    expect(await row.getAttribute('class')).toContain('overdue');

    // Resolved: it leaves the board; the other ticket stays.
    await moveTo(sparks.id, 'RESOLVED');
    await row.waitFor({ state: 'detached' });
    await page.getByTestId(`ticket-${leak.id}`).waitFor();
    expect(navigations).toBe(1);
    await page.context().close();
  });

  test('the dashboard works unchanged on a gateway that runs only trusted documents', async () => {
    const trustedOnly = await startGatewayBeside(stack, { TRUSTED_DOCUMENTS_ONLY: 'true' });
    const page = await newPage();
    try {
      // Positive first: that gateway refuses an operation of nobody's.
      const refused = await fetch(trustedOnly.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{"query":"{ __typename }"}',
      });
      expect(((await refused.json()) as { errors: Array<{ extensions: { code: string } }> }).errors[0].extensions.code).toBe('PERSISTED_QUERY_ONLY');
      await signInAsAdmin(page, trustedOnly.url.replace(/\/graphql$/, '/dashboard'));
      // The board's subscription and the bell's: both live once that gateway counts them.
      await eventually(async () => expect(trustedOnly.gateway.liveStats().subscribers).toBe(2));
      const ticket = await createTicket('Broken blind in seminar room 4', 'Seminar room 4');
      await page.getByTestId(`ticket-${ticket.id}`).waitFor();
    } finally {
      await page.context().close();
      await trustedOnly.stop();
    }
  });

  test('the bell shows the signed-in ADMIN’s own new notifications live, and opening it marks them seen', async () => {
    const page = await newPage();
    const admin = await stack.login(DEMO.ADMIN.email, DEMO.ADMIN.password);
    await page.goto(`${origin}/dashboard`);
    await page.getByTestId('sign-in-email').fill(DEMO.ADMIN.email);
    await page.getByTestId('sign-in-password').fill(DEMO.ADMIN.password);
    await page.getByTestId('sign-in-submit').click();
    await page.locator('[data-testid="live-state"][data-state="live"]').waitFor();
    expect(await page.getByTestId('bell-count').textContent()).toBe('0');
    // The board's subscription and the bell's: both live once the gateway counts them.
    await eventually(async () => expect(subscribers()).toBe(2));

    const sent = await stack.gql(
      'mutation($u: ID!) { createNotification(input: { userId: $u, title: "Boiler service at nine", message: "Heating off for an hour." }) { id } }',
      { u: admin.userId },
      adminToken,
    );
    expect(sent.errors).toBeUndefined();
    await page.getByTestId('bell-count').filter({ hasText: /^1$/ }).waitFor();
    await page.getByTestId('bell').click();
    await page.getByTestId('bell-list').getByText('Boiler service at nine').waitFor();
    expect(await page.getByTestId('bell-count').textContent()).toBe('0');
    await page.context().close();
  });

  test('the playground loads GraphiQL from the gateway alone and runs a subscription with the typed Authorization header', async () => {
    const page = await newPage();
    const requests: string[] = [];
    const sockets: string[] = [];
    page.on('request', (request) => void requests.push(request.url()));
    page.on('websocket', (socket) => void sockets.push(socket.url()));

    const subscription = 'subscription Watch { ticketUpdated { id title status } }';
    expect((await page.goto(`${origin}/graphql?query=${encodeURIComponent(subscription)}`))?.status()).toBe(200);
    await page.locator('.graphiql-container').waitFor();
    await page.locator('.graphiql-query-editor .monaco-editor').waitFor();

    // Typed as a person would paste it (insertText: Monaco's auto-closing brackets stay out of it).
    await page.locator('.graphiql-editor-tool .monaco-editor').last().click();
    await page.keyboard.insertText(`{ "Authorization": "Bearer ${adminToken}" }`);
    await eventually(async () => expect(subscribers()).toBe(0)); // the dashboard test's page is gone
    await page.locator('.graphiql-execute-button').click();
    // The subscription is live once the gateway counts its subscriber.
    await eventually(async () => expect(subscribers()).toBe(1));
    await createTicket('Smoke coming from the projector in hall 2', 'Main hall 2');
    await page.locator('.graphiql-response').getByText('Smoke coming from the projector in hall 2').waitFor();

    const local = (url: string) => url.startsWith(`${origin}/`) || url.startsWith('data:') || url.startsWith('blob:');
    expect(requests.length).toBeGreaterThan(0);
    expect(requests.filter((url) => !local(url))).toEqual([]);
    expect(sockets).toEqual([`${origin.replace(/^http/, 'ws')}/graphql`]);
    await page.context().close();
  });
});
