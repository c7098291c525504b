/**
 * An ADMIN acts on tickets from the maintenance dashboard, in a real browser (Chromium through
 * playwright-core) against the whole system: opens a ticket from the board by mouse or keyboard,
 * moves its status (ON_HOLD with a reason), sets its priority with a reason, assigns it and
 * comments, each by mouse and by keyboard, with the API's refusals shown in the panel; and a
 * second dashboard shows every change live. Controls are found by their accessible names, so
 * these tests also hold the panel to being labelled.
 */
import type { Browser, Locator, Page } from 'playwright-core';
import { describeInChromium, launchChromium, newPage, signInAsAdmin } from './dashboardBrowser';
import { DEMO, eventually, startGatewayBeside, startTestStack, type TestStack } from './stack';

describeInChromium('the dashboard acts on a ticket', () => {
  let stack: TestStack;
  let browser: Browser;
  let dashboardUrl: string;
  let studentToken: string;
  let adminToken: string;
  const pages: Page[] = [];

  beforeAll(async () => {
    stack = await startTestStack();
    dashboardUrl = `${new URL(stack.gatewayUrl).origin}/dashboard`;
    studentToken = (await stack.login(DEMO.STUDENT.email, DEMO.STUDENT.password)).accessToken;
    adminToken = (await stack.login(DEMO.ADMIN.email, DEMO.ADMIN.password)).accessToken;
    browser = await launchChromium();
  });
  afterEach(async () => {
    await Promise.all(pages.splice(0).map((page) => page.context().close()));
  });
  afterAll(async () => {
    await browser?.close();
    await stack?.close();
  });

  async function createTicket(title: string, description = 'Spotted this morning, please have a look.'): Promise<{ id: string; priority: string }> {
    const made = await stack.gql<{ createTicket: { id: string; priority: string } }>(
      'mutation($i: CreateTicketInput!) { createTicket(input: $i) { id priority } }',
      { i: { title, description, location: 'Arts building' } },
      studentToken,
    );
    if (!made.data) throw new Error(JSON.stringify(made.errors));
    return made.data.createTicket;
  }

  async function dashboard(url = dashboardUrl): Promise<Page> {
    const page = await newPage(browser);
    pages.push(page);
    await signInAsAdmin(page, url);
    return page;
  }

  /** Opens the ticket by a click on its row and waits until the panel shows it. */
  async function openByClick(page: Page, id: string, title: string): Promise<Locator> {
    await page.getByTestId(`ticket-${id}`).click();
    return shown(page, title);
  }

  async function shown(page: Page, title: string): Promise<Locator> {
    const panel = page.getByTestId('ticket-panel');
    await panel.getByTestId('panel-title').filter({ hasText: title }).waitFor();
    return panel;
  }

  const waitForText = (locator: Locator, text: string | RegExp) => locator.filter({ hasText: text }).waitFor();
  const focusedTicketId = (page: Page) => page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.ticketId);
  const optionTexts = (select: Locator) => select.locator('option').allTextContents();

  test('a ticket opens by a click or by Enter on its row, shows what an ADMIN reads before acting, and closes by Escape or Close', async () => {
    const title = 'Water dripping through the ceiling of room 12';
    const ticket = await createTicket(title, 'Brown stain growing since Monday.');
    const page = await dashboard();

    const panel = await openByClick(page, ticket.id, title);
    expect(await panel.getByTestId('panel-description').textContent()).toBe('Brown stain growing since Monday.');
    expect(await panel.getByTestId('panel-priority').textContent()).toBe(ticket.priority);
    expect(await panel.getByTestId('panel-priority-reasons').locator('li').count()).toBeGreaterThan(0);
    expect(await panel.getByTestId('panel-reporter').textContent()).toBe('Sam Student');
    expect(await panel.getByTestId('panel-assignee').textContent()).toBe('nobody yet');
    expect(await panel.getByTestId('panel-response-due').textContent()).toMatch(/^in \d/);
    expect(await panel.getByTestId('panel-sla-due').textContent()).toMatch(/^in \d/);
    expect(await panel.getByTestId('panel-paused').textContent()).toBe('none');
    expect(await panel.getByTestId('panel-history').textContent()).toContain('Sam Student reported it');
    expect(await panel.getByTestId('panel-comments').textContent()).toBe('No comments yet.');
    expect(await page.getByTestId(`ticket-${ticket.id}`).getAttribute('aria-current')).toBe('true');
    await page.getByRole('button', { name: 'Close the ticket' }).click();
    await panel.waitFor({ state: 'hidden' });

    // By keyboard: the row takes the focus, Enter opens, the focus moves to the panel, Escape gives it back.
    await page.getByTestId(`ticket-${ticket.id}`).focus();
    await page.keyboard.press('Enter');
    await shown(page, title);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('panel-title');
    await page.keyboard.press('Escape');
    await panel.waitFor({ state: 'hidden' });
    expect(await focusedTicketId(page)).toBe(ticket.id);
  });

  test('the status moves only as the lifecycle allows, by keyboard and by mouse, until the ticket leaves the board', async () => {
    const title = 'Loose handrail on the east stairs';
    const ticket = await createTicket(title);
    const page = await dashboard();
    const panel = await openByClick(page, ticket.id, title);
    const row = page.getByTestId(`ticket-${ticket.id}`);
    const status = panel.getByLabel('New status');
    expect(await optionTexts(status)).toEqual(['In progress', 'On hold']);

    await status.focus();
    await page.keyboard.type('In');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await waitForText(panel.getByTestId('panel-status'), 'IN_PROGRESS');
    await waitForText(row.getByTestId('ticket-status'), 'IN_PROGRESS');
    expect(await optionTexts(status)).toEqual(['Resolved', 'On hold']);

    await status.selectOption({ label: 'Resolved' });
    await panel.getByRole('button', { name: 'Move', exact: true }).click();
    await row.waitFor({ state: 'detached' });
    await waitForText(panel.getByTestId('panel-status'), 'RESOLVED');
    expect(await optionTexts(status)).toEqual(['Closed', 'Open']);
    expect(await panel.getByTestId('panel-history').textContent()).toContain('Ada Admin moved it IN_PROGRESS → RESOLVED');
  });

  test('ON_HOLD needs a reason: the API’s refusal shows in the panel; with one, the ticket waits on the board and the reason is in its history', async () => {
    const title = 'Cracked window in the chemistry store';
    const ticket = await createTicket(title);
    const moved = await stack.gql(
      'mutation($id: ID!) { updateTicketStatus(id: $id, status: IN_PROGRESS) { status } }',
      { id: ticket.id },
      adminToken,
    );
    expect(moved.errors).toBeUndefined();
    const page = await dashboard();
    const panel = await openByClick(page, ticket.id, title);
    const row = page.getByTestId(`ticket-${ticket.id}`);
    const status = panel.getByLabel('New status');

    // By keyboard, first without a reason.
    await status.focus();
    await page.keyboard.type('On');
    expect(await status.inputValue()).toBe('ON_HOLD');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('panel-move-reason');
    await page.keyboard.press('Enter');
    const error = panel.getByTestId('panel-error');
    await waitForText(error, /reason/);
    expect(await panel.getByTestId('panel-status').textContent()).toBe('IN_PROGRESS');
    await page.keyboard.type('Waiting for the glazier');
    await page.keyboard.press('Enter');
    await waitForText(panel.getByTestId('panel-status'), 'ON_HOLD');
    expect(await error.isHidden()).toBe(true);
    await waitForText(row.getByTestId('ticket-status'), 'ON_HOLD');
    expect(await panel.getByTestId('panel-history').textContent()).toContain('IN_PROGRESS → ON_HOLD: “Waiting for the glazier”');
    expect(await optionTexts(status)).toEqual(['Open', 'In progress']);
    // A dashboard opened now loads it with the open ones.
    const later = await dashboard();
    await waitForText(later.getByTestId(`ticket-${ticket.id}`).getByTestId('ticket-status'), 'ON_HOLD');

    // By mouse, back to the queue.
    await status.selectOption({ label: 'Open' });
    await panel.getByRole('button', { name: 'Move', exact: true }).click();
    await waitForText(panel.getByTestId('panel-status'), /^OPEN$/);
    await waitForText(row.getByTestId('ticket-status'), /^OPEN$/);
  });

  test('the priority is set with a reason, by mouse and by keyboard, and the reason is shown as why', async () => {
    const title = 'Flickering light in corridor B';
    const ticket = await createTicket(title);
    expect(ticket.priority).not.toBe('CRITICAL');
    const page = await dashboard();
    const panel = await openByClick(page, ticket.id, title);
    const row = page.getByTestId(`ticket-${ticket.id}`);

    await panel.getByLabel('Priority', { exact: true }).selectOption('CRITICAL');
    await panel.getByLabel('Reason for the priority').fill('The corridor is an escape route');
    await panel.getByRole('button', { name: 'Set priority' }).click();
    await waitForText(panel.getByTestId('panel-priority'), 'CRITICAL');
    await waitForText(row.getByTestId('ticket-priority'), 'CRITICAL');
    await page.getByTestId('priority-CRITICAL').getByTestId(`ticket-${ticket.id}`).waitFor();
    expect(await panel.getByLabel('Reason for the priority').inputValue()).toBe('');

    await panel.getByLabel('Priority', { exact: true }).focus();
    await page.keyboard.type('L');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Only the spare bulb flickers');
    await page.keyboard.press('Enter');
    await waitForText(panel.getByTestId('panel-priority'), 'LOW');
    await waitForText(row.getByTestId('ticket-priority'), 'LOW');
    // The latest reason is why it has its priority; every reason stays in the history.
    await waitForText(panel.getByTestId('panel-priority-reasons'), 'Only the spare bulb flickers');
    const history = await panel.getByTestId('panel-history').textContent();
    expect(history).toContain(`Ada Admin set the priority ${ticket.priority} → CRITICAL: “The corridor is an escape route”`);
    expect(history).toContain('Ada Admin set the priority CRITICAL → LOW: “Only the spare bulb flickers”');
  });

  test('a ticket is assigned to staff by mouse and by keyboard; nobody chosen is refused by the API in the panel', async () => {
    const title = 'Projector remote missing in hall 3';
    const ticket = await createTicket(title);
    const page = await dashboard();
    const panel = await openByClick(page, ticket.id, title);
    const assignee = panel.getByLabel('Assign to');
    const staff = await optionTexts(assignee);
    expect(staff).toEqual(expect.arrayContaining(['Ada Admin', 'Fred Faculty']));
    expect(staff).not.toContain('Sam Student');

    await panel.getByRole('button', { name: 'Assign', exact: true }).click();
    await waitForText(panel.getByTestId('panel-error'), /assigneeId/);

    await assignee.selectOption({ label: 'Fred Faculty' });
    await panel.getByRole('button', { name: 'Assign', exact: true }).click();
    await waitForText(panel.getByTestId('panel-assignee'), 'Fred Faculty');
    expect(await panel.getByTestId('panel-error').isHidden()).toBe(true);
    expect(await panel.getByTestId('panel-history').textContent()).toContain('Ada Admin assigned it to Fred Faculty');

    await assignee.focus();
    await page.keyboard.type('Ada');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await waitForText(panel.getByTestId('panel-assignee'), 'Ada Admin');
  });

  test('comments are added by mouse and by keyboard and listed oldest first', async () => {
    const title = 'Door of room 5 will not lock';
    const ticket = await createTicket(title);
    const page = await dashboard();
    const panel = await openByClick(page, ticket.id, title);
    const body = panel.getByLabel('Comment', { exact: true });

    await body.fill('Locksmith booked for Tuesday.');
    await panel.getByRole('button', { name: 'Add comment' }).click();
    await waitForText(panel.getByTestId('panel-comments'), 'Locksmith booked for Tuesday.');
    expect(await body.inputValue()).toBe('');

    await body.focus();
    await page.keyboard.type('Room 5 stays unlocked until then.');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await waitForText(panel.getByTestId('panel-comments'), 'Room 5 stays unlocked until then.');
    const comments = await panel.getByTestId('panel-comments').locator('li p').allTextContents();
    expect(comments).toEqual(['Locksmith booked for Tuesday.', 'Room 5 stays unlocked until then.']);
    expect(await panel.getByTestId('panel-comments').textContent()).toContain('Ada Admin');
  });

  test('what one dashboard does shows live on another, on its board and in its open panel, keeping what it was typing', async () => {
    const title = 'Heating stuck on full in the library';
    const ticket = await createTicket(title);
    const [acting, watching] = [await dashboard(), await dashboard()];
    // Each page's board and bell subscriptions: live once the gateway counts all four.
    await eventually(async () => expect(stack.system.gateway.liveStats().subscribers).toBe(4));
    const actingPanel = await openByClick(acting, ticket.id, title);
    const watchingPanel = await openByClick(watching, ticket.id, title);
    await watchingPanel.getByLabel('Comment', { exact: true }).fill('A draft nobody sent yet');
    const watchedRow = watching.getByTestId(`ticket-${ticket.id}`);

    await actingPanel.getByLabel('New status').selectOption({ label: 'In progress' });
    await actingPanel.getByRole('button', { name: 'Move', exact: true }).click();
    await waitForText(watchedRow.getByTestId('ticket-status'), 'IN_PROGRESS');
    await waitForText(watchingPanel.getByTestId('panel-status'), 'IN_PROGRESS');

    const priority = ticket.priority === 'LOW' ? 'MEDIUM' : 'LOW';
    await actingPanel.getByLabel('Priority', { exact: true }).selectOption(priority);
    await actingPanel.getByRole('button', { name: 'Set priority' }).click();
    await watching.getByTestId(`priority-${priority}`).getByTestId(`ticket-${ticket.id}`).waitFor();
    await waitForText(watchingPanel.getByTestId('panel-priority'), priority);
    expect(await watchingPanel.getByLabel('Comment', { exact: true }).inputValue()).toBe('A draft nobody sent yet');

    await actingPanel.getByLabel('Comment', { exact: true }).fill('Engineer on the way.');
    await actingPanel.getByRole('button', { name: 'Add comment' }).click();
    await waitForText(watchingPanel.getByTestId('panel-comments'), 'Engineer on the way.');
    expect(await watchingPanel.getByLabel('Comment', { exact: true }).inputValue()).toBe('A draft nobody sent yet');
  });

  test('every action of the panel runs on a gateway that runs only trusted documents', async () => {
    const trustedOnly = await startGatewayBeside(stack, { TRUSTED_DOCUMENTS_ONLY: 'true' });
    try {
      // Positive first: that gateway refuses an operation of nobody's.
      const refused = await fetch(trustedOnly.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{"query":"{ __typename }"}',
      });
      expect(((await refused.json()) as { errors: Array<{ extensions: { code: string } }> }).errors[0].extensions.code).toBe('PERSISTED_QUERY_ONLY');

      const title = 'Broken blind in seminar room 4';
      const ticket = await createTicket(title);
      const page = await dashboard(trustedOnly.url.replace(/\/graphql$/, '/dashboard'));
      const panel = await openByClick(page, ticket.id, title);
      await panel.getByLabel('New status').selectOption({ label: 'On hold' });
      await panel.getByLabel('Reason (required for On hold)').fill('Waiting for a new blind');
      await panel.getByRole('button', { name: 'Move', exact: true }).click();
      await waitForText(panel.getByTestId('panel-status'), 'ON_HOLD');
      await panel.getByLabel('Priority', { exact: true }).selectOption('HIGH');
      await panel.getByRole('button', { name: 'Set priority' }).click();
      await waitForText(panel.getByTestId('panel-priority'), 'HIGH');
      await panel.getByLabel('Assign to').selectOption({ label: 'Fred Faculty' });
      await panel.getByRole('button', { name: 'Assign', exact: true }).click();
      await waitForText(panel.getByTestId('panel-assignee'), 'Fred Faculty');
      await panel.getByLabel('Comment', { exact: true }).fill('Blind ordered.');
      await panel.getByRole('button', { name: 'Add comment' }).click();
      await waitForText(panel.getByTestId('panel-comments'), 'Blind ordered.');
      expect(await panel.getByTestId('panel-error').isHidden()).toBe(true);
    } finally {
      await Promise.all(pages.splice(0).map((page) => page.context().close()));
      await trustedOnly.stop();
    }
  });
});
