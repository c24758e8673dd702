// The studio in a real browser against the real API: scenario list, read-only canvas of the
// published demo scenario, a draft-only scenario, and the not-found / 401 / unreachable states.
// Needs `npm run build -w apps/studio` and `npx tsc -b apps/api` first. Screenshots land in
// tests/artifacts/ (gitignored) for a human to look at.
import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import {
  apiClient,
  bearer,
  bootstrapWorkspace,
  createTestDatabase,
  startApi,
  type RunningApi,
} from '../support/apps';
import { freePort } from '../support/ports';
import { startStudio, type RunningStudio } from '../support/studio';

const ARTIFACTS = join(__dirname, '..', 'artifacts');
const CHROMIUM = process.env.PARCOURS_CHROMIUM ?? '/usr/bin/chromium';

describe('studio (browser)', () => {
  let api: RunningApi;
  let studio: RunningStudio;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let adminKey: string;
  let demoScenarioId: string;

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    const databaseUrl = await createTestDatabase();
    const workspace = await bootstrapWorkspace(databaseUrl, { demo: true });
    adminKey = workspace.adminKey;
    demoScenarioId = workspace.demoScenarioId as string;
    api = await startApi({ databaseUrl });
    studio = await startStudio({ apiUrl: api.url, apiKey: adminKey });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    });
  });

  afterAll(async () => {
    await browser?.close();
    await studio?.stop();
    await api?.stop();
  });

  beforeEach(async () => {
    context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    page = await context.newPage();
  });

  afterEach(async () => {
    await context?.close();
  });

  const shot = (name: string) => page.screenshot({ path: join(ARTIFACTS, `studio-${name}.png`) });

  test('lists the demo scenario as live, version 1', async () => {
    await page.goto(studio.url);
    await page.waitForURL(`${studio.url}/scenarios`);

    const link = page.locator(`a[href="/scenarios/${demoScenarioId}"]`);
    await link.waitFor();
    expect(await link.innerText()).toBe('Welcome journey (demo)');
    const row = page.locator('tbody tr', { has: link });
    const cells = (await row.locator('th, td').allInnerTexts()).map((text) => text.trim());
    expect(cells[1]).toMatch(/^live$/i);
    expect(cells[2]).toBe('v1');
    await shot('list');
  });

  test('opens the read-only canvas of the published version', async () => {
    await page.goto(`${studio.url}/scenarios`);
    await page.getByRole('link', { name: 'Welcome journey (demo)' }).click();
    await page.waitForURL(`${studio.url}/scenarios/${demoScenarioId}`);

    const nodes = page.locator('.react-flow__node');
    await page.waitForFunction(
      () =>
        document.querySelectorAll('.react-flow__node').length === 6 &&
        Array.from(document.querySelectorAll<HTMLElement>('.react-flow__node')).every(
          (node) => node.style.visibility !== 'hidden',
        ),
    );
    expect(await nodes.count()).toBe(6);
    for (const node of await nodes.all()) expect(await node.isVisible()).toBe(true);

    // One accessible group per node, named "<Kind>: <summary>".
    const names = await nodes.evaluateAll((elements) =>
      elements.map((element) => `${element.getAttribute('role')} ${element.getAttribute('aria-label')}`),
    );
    expect(names).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^group Trigger: When account\.created/),
        expect.stringMatching(/^group Wait: Wait 2 seconds/),
        expect.stringMatching(/^group Condition: country equals FR/),
        expect.stringMatching(/^group Action: Email: Bonjour \{\{ profile\.firstName \}\}/),
        expect.stringMatching(/^group Exit/),
      ]),
    );

    // Summaries and branch ports are visible text.
    expect(await page.getByText('country equals FR', { exact: true }).isVisible()).toBe(true);
    expect(await page.getByText('Wait 2 seconds', { exact: true }).first().isVisible()).toBe(true);
    expect(await page.getByText('When account.created', { exact: true }).isVisible()).toBe(true);
    for (const port of ['yes', 'no']) {
      expect(await page.locator(`.react-flow__node [data-port="${port}"]`).isVisible()).toBe(true);
      expect(await page.locator('.react-flow__edge-text', { hasText: port }).count()).toBe(1);
    }
    expect(await page.locator('.react-flow__edge').count()).toBe(6);

    // Header: version picker on the current version; canvas chrome without the lock toggle.
    const picker = page.getByRole('combobox', { name: 'Version' });
    expect(await picker.inputValue()).toBe('1');
    expect(await page.locator('.react-flow__minimap').isVisible()).toBe(true);
    expect(await page.getByRole('button', { name: 'Zoom In' }).isVisible()).toBe(true);
    expect(await page.locator('.react-flow__controls-interactive').count()).toBe(0);

    // Read-only: nothing is draggable or connectable, and a drag leaves the node where it was.
    expect(await page.locator('.react-flow__node.draggable').count()).toBe(0);
    expect(await page.locator('.react-flow__handle.connectable').count()).toBe(0);
    const condition = page.getByRole('group', { name: /^Condition: country equals FR/ });
    const before = await condition.getAttribute('style');
    const box = await condition.boundingBox();
    if (!box) throw new Error('condition node has no box');
    await page.mouse.move(box.x + box.width / 2, box.y + 20);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width / 2 + 150, box.y + 120, { steps: 8 });
    await page.mouse.up();
    expect(await condition.getAttribute('style')).toBe(before);
    await page.getByRole('button', { name: 'Fit View' }).click();
    await page.waitForTimeout(300);
    await shot('canvas');
  });

  test('shows a draft-only scenario as not published yet', async () => {
    const call = apiClient(api.url, bearer(adminKey));
    const created = await call<{ id: string }>('POST', '/scenarios', {
      name: 'Draft only',
      graph: {
        nodes: [
          { id: 't', type: 'trigger.event', config: { event: 'cart.abandoned', filters: [] } },
          { id: 'x', type: 'exit', config: {} },
        ],
        edges: [{ id: 't-x', source: 't', sourcePort: 'out', target: 'x' }],
      },
    });
    expect(created.status).toBe(201);

    await page.goto(`${studio.url}/scenarios/${created.body.id}`);
    await page.getByText('Not published yet').waitFor();
    await page.getByRole('group', { name: 'Trigger: When cart.abandoned' }).waitFor();
    expect(await page.locator('.react-flow__node').count()).toBe(2);
    await shot('draft');
  });

  test('the version picker switches between published versions', async () => {
    const call = apiClient(api.url, bearer(adminKey));
    const graph = (amount: number) => ({
      nodes: [
        { id: 't', type: 'trigger.event', config: { event: 'order.placed', filters: [] } },
        { id: 'w', type: 'wait.duration', config: { amount, unit: 'minutes' } },
        { id: 'x', type: 'exit', config: {} },
      ],
      edges: [
        { id: 't-w', source: 't', sourcePort: 'out', target: 'w' },
        { id: 'w-x', source: 'w', sourcePort: 'out', target: 'x' },
      ],
    });
    const created = await call<{ id: string }>('POST', '/scenarios', {
      name: 'Two versions',
      graph: graph(5),
    });
    expect(created.status).toBe(201);
    const id = created.body.id;
    expect((await call('POST', `/scenarios/${id}/publish`)).status).toBe(201);
    expect((await call('PUT', `/scenarios/${id}`, { graph: graph(30) })).status).toBe(200);
    expect((await call('POST', `/scenarios/${id}/publish`)).status).toBe(201);

    await page.goto(`${studio.url}/scenarios/${id}`);
    await page.getByRole('group', { name: 'Wait: Wait 30 minutes' }).waitFor();
    const picker = page.getByRole('combobox', { name: 'Version' });
    expect(await picker.inputValue()).toBe('2');
    expect(await picker.locator('option').allInnerTexts()).toEqual([
      expect.stringMatching(/^v2 \(current\)/),
      expect.stringMatching(/^v1 /),
    ]);

    await picker.selectOption('1');
    await page.waitForURL(`${studio.url}/scenarios/${id}?version=1`);
    await page.getByRole('group', { name: 'Wait: Wait 5 minutes' }).waitFor();
    expect(await page.getByText('Wait 30 minutes').count()).toBe(0);
    await shot('version-1');
  });

  test('an unknown scenario id shows a not-found message', async () => {
    for (const id of [randomUUID(), 'not-a-scenario']) {
      await page.goto(`${studio.url}/scenarios/${id}`);
      await page.getByRole('heading', { name: 'Scenario not found', level: 2 }).waitFor();
      expect(await page.getByRole('link', { name: 'Back to scenarios' }).isVisible()).toBe(true);
    }
    await shot('not-found');
  });

  test('a wrong key shows the 401 message, and /connect refuses it', async () => {
    // The cookie set by /connect wins over the studio's own key.
    await context.addCookies([{ name: 'parcours_key', value: 'not-a-real-key', url: studio.url }]);
    await page.goto(`${studio.url}/scenarios`);
    const alert = page.getByRole('alert');
    await alert.getByText('Your API key was rejected (401)').waitFor();
    const connect = page.getByRole('link', { name: 'Connect an admin key' });
    expect(await connect.getAttribute('href')).toBe('/connect');
    await shot('unauthorized');

    await connect.click();
    await page.waitForURL(`${studio.url}/connect`);
    await page.getByLabel('Admin API key').fill('still-not-a-key');
    await page.getByRole('button', { name: 'Connect', exact: true }).click();
    await page
      .getByRole('alert')
      .getByText(/rejected this key/)
      .waitFor();
    await shot('connect-rejected');

    // A valid key replaces the bad cookie and leads back to the list.
    await page.getByLabel('Admin API key').fill(adminKey);
    await page.getByRole('button', { name: 'Connect', exact: true }).click();
    await page.waitForURL(`${studio.url}/scenarios`);
    await page.getByRole('link', { name: 'Welcome journey (demo)' }).waitFor();
  });

  test('an unreachable API is explained', async () => {
    const offline = await startStudio({ apiUrl: `http://127.0.0.1:${await freePort()}`, apiKey: 'whatever' });
    try {
      await page.goto(`${offline.url}/scenarios`);
      await page.getByRole('alert').getByText('Can’t reach the Parcours API').waitFor();
      await shot('unreachable');
    } finally {
      await offline.stop();
    }
  });
});
