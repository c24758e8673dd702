// A custom node package (examples/nodes-loyalty) in the studio: the API it talks to loads it with
// PARCOURS_NODE_PACKAGES, the palette offers it, and its config form is generated from its schema.
import type { Browser, Page } from 'playwright-core';
import {
  apiClient,
  bearer,
  bootstrapWorkspace,
  createTestDatabase,
  type RunningApi,
  startApi,
  type TestWorkspace,
} from '../support/apps';
import { launchChromium, type RunningStudio, screenshot, signIn, startStudio } from '../support/studio';

describe('custom nodes in the studio (browser)', () => {
  let api: RunningApi;
  let studio: RunningStudio;
  let browser: Browser;
  let page: Page;
  let workspace: TestWorkspace;

  beforeAll(async () => {
    const databaseUrl = await createTestDatabase();
    workspace = await bootstrapWorkspace(databaseUrl, { demo: true });
    api = await startApi({ databaseUrl, env: { PARCOURS_NODE_PACKAGES: './examples/nodes-loyalty' } });
    [studio, browser] = await Promise.all([startStudio({ apiUrl: api.url }), launchChromium()]);
    page = await browser.newPage({ viewport: { width: 1440, height: 900 }, locale: 'en-GB' });
    await signIn(page, studio.url, workspace.adminUser as { email: string; password: string });
  });

  afterAll(async () => {
    await browser?.close();
    await studio?.stop();
    await api?.stop();
  });

  test('offers the custom node in the palette and configures it through its generated form', async () => {
    await page.getByRole('button', { name: 'New scenario' }).click();
    await page.getByRole('dialog', { name: 'New scenario' }).getByLabel('Name').fill('Loyalty');
    await page.getByRole('button', { name: 'Create' }).click();
    await page.waitForURL(/\/scenarios\/[0-9a-f-]{36}$/);
    const id = page.url().split('/').pop() as string;

    const palette = page.getByRole('complementary', { name: 'Steps' });
    await palette.getByRole('searchbox', { name: 'Search steps' }).fill('loyalty');
    const entry = palette
      .getByRole('region', { name: 'Actions' })
      .getByRole('button', { name: /^Add loyalty points/ });
    await entry.waitFor();
    expect(await palette.getByRole('button').count()).toBe(1);

    await entry.dragTo(page.getByRole('region', { name: /^Canvas of / }), {
      targetPosition: { x: 320, y: 120 },
    });
    const panel = page.getByRole('tabpanel');
    await expect(panel.getByLabel('Loyalty API URL').inputValue()).resolves.toBe(
      'https://loyalty.example.com/api',
    );
    await expect(panel.getByLabel('Reason').inputValue()).resolves.toBe('journey');
    await panel.getByLabel('Points').fill('250');
    await page.getByRole('toolbar').getByText('All changes saved').waitFor();
    await screenshot(page, 'custom-node');

    const admin = apiClient(api.url, bearer(workspace.adminKey));
    const { body } = await admin<{ graph: { nodes: { type: string; config: Record<string, unknown> }[] } }>(
      'GET',
      `/scenarios/${id}`,
    );
    expect(body.graph.nodes).toEqual([
      expect.objectContaining({
        type: 'acme.loyalty.add-points',
        config: expect.objectContaining({ points: 250, apiUrl: 'https://loyalty.example.com/api' }),
      }),
    ]);
  });
});
