// The studio in a real browser against the real API: signing in and out, roles, the scenario list
// (create, duplicate, archive), published versions read-only, French, and the error states.
// Needs `npm run build -w apps/studio` and `npx tsc -b apps/api` first. Screenshots land in
// tests/artifacts/ (gitignored) for a person to look at.
import { randomUUID } from 'node:crypto';
import { apiClient, bearer } from '../support/apps';
import { freePort } from '../support/ports';
import { expectEveryControlNamed, screenshot, startStudio, useStudio } from '../support/studio';
import { addMember, type Member } from '../support/users';

describe('studio (browser): sign-in, roles, scenario list, versions', () => {
  const studio = useStudio({ demo: true });
  let viewer: Member;

  beforeAll(async () => {
    viewer = await addMember(studio, 'viewer');
  });

  test('sends a signed-out visitor to sign in, refuses a wrong password, and comes back where it was going', async () => {
    await studio.page.goto(`${studio.url}/scenarios/${studio.workspace.demoScenarioId}`);
    await studio.page.waitForURL(/\/sign-in\?next=/);
    await studio.page.getByRole('heading', { name: 'Sign in' }).waitFor();
    await studio.page.getByLabel('Email').fill(studio.demoAdmin.email);
    await studio.page.getByLabel('Password').fill('not the password');
    await studio.page.getByRole('button', { name: 'Sign in' }).click();
    await studio.page.getByRole('alert').getByText('Email or password is incorrect.').waitFor();
    expect(await studio.page.getByLabel('Email').inputValue()).toBe(studio.demoAdmin.email);
    await expectEveryControlNamed(studio.page);
    await screenshot(studio.page, 'sign-in-refused');

    await studio.page.getByLabel('Password').fill(studio.demoAdmin.password);
    await studio.page.getByRole('button', { name: 'Sign in' }).click();
    await studio.page.waitForURL(`${studio.url}/scenarios/${studio.workspace.demoScenarioId}`);

    // The session cookie is httpOnly and SameSite=Lax; the page's scripts cannot read it.
    const [cookie] = (await studio.context.cookies()).filter((c) => c.name === 'parcours_session');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    expect(cookie.value).toMatch(/^prs_/);
    expect(await studio.page.evaluate(() => document.cookie)).not.toContain('prs_');
  });

  test('shows who is signed in with which role, and signs out for good', async () => {
    await studio.signIn(studio.demoAdmin);
    const account = studio.page.getByRole('region', { name: 'Your account' });
    await account.getByText(studio.demoAdmin.email).waitFor();
    expect(await account.getByText('Demo admin', { exact: true }).isVisible()).toBe(true);
    expect(await account.getByText('Admin', { exact: true }).isVisible()).toBe(true);
    const token = (await studio.context.cookies()).find((c) => c.name === 'parcours_session')
      ?.value as string;

    await account.getByRole('button', { name: 'Sign out' }).click();
    await studio.page.waitForURL(`${studio.url}/sign-in`);
    expect((await studio.context.cookies()).some((c) => c.name === 'parcours_session')).toBe(false);
    // The API ended the session too: a copy of the cookie is worth nothing.
    expect((await apiClient(studio.api.url, bearer(token))('GET', '/scenarios')).status).toBe(401);
    await studio.page.goto(`${studio.url}/scenarios`);
    await studio.page.waitForURL(/\/sign-in/);
  });

  test('lists scenarios with status, version and last edit; creates, duplicates and archives', async () => {
    await studio.signIn(studio.demoAdmin);
    const table = studio.page.getByRole('table', { name: 'Scenarios' });
    const demoRow = table.getByRole('row', { name: /Welcome journey \(demo\)/ });
    const cells = (await demoRow.getByRole('cell').allInnerTexts()).map((text) => text.trim());
    expect(cells[0]).toMatch(/^live$/i);
    expect(cells[1]).toBe('v1');
    expect(cells[2]).toMatch(/\d{4}/);
    await expectEveryControlNamed(studio.page);
    await screenshot(studio.page, 'list');

    await demoRow.getByRole('button', { name: 'Duplicate Welcome journey (demo)' }).click();
    const copyLink = table.getByRole('link', { name: 'Copy of Welcome journey (demo)' });
    await copyLink.waitFor();
    const copyRow = table.getByRole('row', { name: /Copy of Welcome journey/ });
    expect((await copyRow.getByRole('cell').allInnerTexts()).map((t) => t.trim()).slice(0, 2)).toEqual([
      'Draft',
      'Not published',
    ]);

    await copyRow.getByRole('button', { name: 'Archive Copy of Welcome journey (demo)' }).click();
    const dialog = studio.page.getByRole('dialog', { name: 'Archive “Copy of Welcome journey (demo)”?' });
    await dialog.waitFor();
    await expectEveryControlNamed(studio.page);
    await screenshot(studio.page, 'archive-dialog');
    await dialog.getByRole('button', { name: 'Archive' }).click();
    await copyLink.waitFor({ state: 'detached' });

    await studio.page.getByRole('button', { name: 'New scenario' }).click();
    const create = studio.page.getByRole('dialog', { name: 'New scenario' });
    await create.getByLabel('Name').fill('Cart reminder');
    await create.getByRole('button', { name: 'Create' }).click();
    await studio.page.waitForURL(/\/scenarios\/[0-9a-f-]{36}$/);
    await studio.page.getByRole('heading', { level: 1, name: /Cart reminder/ }).waitFor();
    const id = studio.page.url().split('/').pop() as string;
    expect(
      (await studio.admin<{ name: string; status: string }>('GET', `/scenarios/${id}`)).body,
    ).toMatchObject({
      name: 'Cart reminder',
      status: 'draft',
    });
  });

  test('a viewer reads everything and can change nothing, in the UI and at the API', async () => {
    await studio.signIn(viewer);
    await studio.page
      .getByRole('region', { name: 'Your account' })
      .getByText('Viewer', { exact: true })
      .waitFor();
    await studio.page.getByRole('link', { name: 'Welcome journey (demo)' }).waitFor();
    expect(await studio.page.getByRole('button', { name: 'New scenario' }).count()).toBe(0);
    expect(await studio.page.getByRole('button', { name: /^Duplicate|^Archive/ }).count()).toBe(0);
    await screenshot(studio.page, 'list-viewer');

    await studio.page.getByRole('link', { name: 'Welcome journey (demo)' }).click();
    await studio.page.getByText('Read-only: your role can view scenarios but not change them.').waitFor();
    await studio.page.getByRole('group', { name: /^Condition: country equals FR/ }).click();
    const form = studio.page.getByRole('tabpanel');
    await form.getByLabel('Property').waitFor();
    expect(await form.getByLabel('Property').isDisabled()).toBe(true);
    expect(await form.getByLabel('Name on the canvas').isDisabled()).toBe(true);
    expect(await studio.page.getByRole('button', { name: /^Publish/ }).count()).toBe(0);
    expect(await studio.page.getByRole('button', { name: 'Undo' }).count()).toBe(0);
    expect(await studio.page.getByRole('complementary', { name: 'Steps' }).count()).toBe(0);
    expect(await studio.page.getByRole('button', { name: 'Delete step' }).count()).toBe(0);
    expect(await studio.page.locator('.react-flow__node.draggable').count()).toBe(0);
    expect(await studio.page.locator('.react-flow__handle.connectable').count()).toBe(0);
    // Delete on a selected step does nothing.
    await studio.page.keyboard.press('Delete');
    expect(await studio.page.locator('.react-flow__node').count()).toBe(6);
    await expectEveryControlNamed(studio.page);
    await screenshot(studio.page, 'editor-viewer');

    // The API refuses the viewer's own session, whatever the studio shows.
    const token = (await studio.context.cookies()).find((c) => c.name === 'parcours_session')
      ?.value as string;
    const asViewer = apiClient(studio.api.url, bearer(token));
    const refused = await asViewer<{ message: string }>(
      'PUT',
      `/scenarios/${studio.workspace.demoScenarioId}`,
      {
        name: 'Hijacked',
      },
    );
    expect(refused).toMatchObject({
      status: 403,
      body: {
        message: 'Your role (viewer) can only read: this needs the editor role (create, edit and publish)',
      },
    });
    expect((await asViewer('POST', `/scenarios/${studio.workspace.demoScenarioId}/publish`)).status).toBe(
      403,
    );
    expect(
      (await studio.admin<{ name: string }>('GET', `/scenarios/${studio.workspace.demoScenarioId}`)).body
        .name,
    ).toBe('Welcome journey (demo)');
  });

  test('shows each published version read-only, with a picker', async () => {
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
    const created = await studio.admin<{ id: string }>('POST', '/scenarios', {
      name: 'Two versions',
      graph: graph(5),
    });
    const id = created.body.id;
    expect((await studio.admin('POST', `/scenarios/${id}/publish`)).status).toBe(201);
    expect((await studio.admin('PUT', `/scenarios/${id}`, { graph: graph(30) })).status).toBe(200);
    expect((await studio.admin('POST', `/scenarios/${id}/publish`)).status).toBe(201);

    await studio.signIn(studio.demoAdmin);
    await studio.page.goto(`${studio.url}/scenarios/${id}`);
    await studio.page.getByRole('tab', { name: 'Versions' }).click();
    const versions = studio.page.getByRole('tabpanel');
    expect(await versions.getByRole('link').allInnerTexts()).toEqual([
      expect.stringMatching(/^Version 2\s*live/),
      expect.stringMatching(/^Version 1/),
    ]);
    await versions.getByRole('link', { name: /^Version 1/ }).click();
    await studio.page.waitForURL(`${studio.url}/scenarios/${id}/versions/1`);
    await studio.page.getByRole('group', { name: 'Wait: Wait 5 minutes' }).waitFor();
    expect(await studio.page.locator('.react-flow__node.draggable').count()).toBe(0);
    await expectEveryControlNamed(studio.page);
    await screenshot(studio.page, 'version-1');

    const picker = studio.page.getByRole('combobox', { name: 'Version' });
    await picker.selectOption('2');
    await studio.page.waitForURL(`${studio.url}/scenarios/${id}/versions/2`);
    await studio.page.getByRole('group', { name: 'Wait: Wait 30 minutes' }).waitFor();
    await studio.page.getByRole('link', { name: 'Back to the draft' }).click();
    await studio.page.waitForURL(`${studio.url}/scenarios/${id}`);
  });

  test('speaks French when the browser does, and switches language on request', async () => {
    const french = await studio.browser.newContext({
      viewport: { width: 1440, height: 900 },
      locale: 'fr-FR',
    });
    const frPage = await french.newPage();
    try {
      await frPage.goto(`${studio.url}/sign-in`);
      await frPage.getByRole('heading', { name: 'Connexion' }).waitFor();
      await frPage.getByLabel('E-mail').fill(studio.demoAdmin.email);
      await frPage.getByLabel('Mot de passe').fill(studio.demoAdmin.password);
      await frPage.getByRole('button', { name: 'Se connecter' }).click();
      await frPage.waitForURL(`${studio.url}/scenarios`);
      await frPage.getByRole('heading', { level: 1, name: 'Scénarios' }).waitFor();
      expect(await frPage.locator('html').getAttribute('lang')).toBe('fr');
      await frPage.getByRole('link', { name: 'Welcome journey (demo)' }).click();
      await frPage.getByRole('group', { name: /^Attente : Attendre 2 secondes/ }).waitFor();
      await screenshot(frPage, 'editor-fr');

      await frPage.getByRole('combobox', { name: 'Langue' }).selectOption('en');
      await frPage.getByRole('group', { name: /^Wait: Wait 2 seconds/ }).waitFor();
      expect(await frPage.locator('html').getAttribute('lang')).toBe('en');
    } finally {
      await french.close();
    }
  });

  test('an unknown scenario id shows a not-found message', async () => {
    await studio.signIn(studio.demoAdmin);
    for (const id of [randomUUID(), 'not-a-scenario']) {
      await studio.page.goto(`${studio.url}/scenarios/${id}`);
      await studio.page.getByRole('heading', { name: 'Scenario not found', level: 2 }).waitFor();
      expect(await studio.page.getByRole('link', { name: 'Back to scenarios' }).isVisible()).toBe(true);
    }
    await studio.page.goto(`${studio.url}/scenarios/${studio.workspace.demoScenarioId}/versions/9`);
    await studio.page.getByRole('heading', { name: 'Version not found', level: 2 }).waitFor();
    await studio.page.goto(`${studio.url}/no-such-studio.page`);
    await studio.page.getByRole('heading', { name: 'This page does not exist' }).waitFor();
    await screenshot(studio.page, 'not-found');
  });

  test('an expired session leads back to sign in, and an unreachable API is explained', async () => {
    await studio.context.addCookies([
      { name: 'parcours_session', value: `prs_${'x'.repeat(43)}`, url: studio.url },
    ]);
    await studio.page.goto(`${studio.url}/scenarios`);
    await studio.page.waitForURL(`${studio.url}/sign-in?expired=1`);
    await studio.page.getByText('Your session has ended. Sign in again to continue.').waitFor();
    await screenshot(studio.page, 'session-expired');

    const offline = await startStudio({ apiUrl: `http://127.0.0.1:${await freePort()}` });
    try {
      await studio.page.goto(`${offline.url}/sign-in`);
      await studio.page.getByLabel('Email').fill('someone@example.test');
      await studio.page.getByLabel('Password').fill('whatever password');
      await studio.page.getByRole('button', { name: 'Sign in' }).click();
      await studio.page
        .getByRole('alert')
        .getByText(/cannot reach the Parcours API/)
        .waitFor();
      await screenshot(studio.page, 'unreachable');
    } finally {
      await offline.stop();
    }
  });
});
