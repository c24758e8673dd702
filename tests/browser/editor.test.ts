// The canvas editor in a real browser over the real stack (API, worker, SMTP): a welcome scenario
// built from an empty canvas by drag and drop, configured through the generated forms, checked
// live by the API's validator, published, and then run for a customer. Then the keyboard: adding,
// connecting, undo/redo, copy/paste, deleting, tabs. Screenshots land in tests/artifacts/.
import type { Locator, Page } from 'playwright-core';
import { explainedBy } from '../support/app-process';
import { expectEveryControlNamed, screenshot, useStudio } from '../support/studio';

interface Scenario {
  id: string;
  status: string;
  currentVersion: number | null;
  graph: {
    nodes: { id: string; type: string; config: Record<string, unknown> }[];
    edges: { source: string; sourcePort: string; target: string }[];
  };
}

describe('studio editor (browser)', () => {
  const studio = useStudio({ demo: true, journeys: true, signedIn: true });

  const canvas = () => studio.page.getByRole('region', { name: /^Canvas of / });
  const panel = () => studio.page.getByRole('tabpanel');
  const step = (name: string | RegExp) => studio.page.getByRole('group', { name });
  const saved = () => studio.page.getByRole('toolbar').getByText('All changes saved').waitFor();

  async function dropStep(title: string, x: number, y: number) {
    const before = await studio.page.locator('.react-flow__node').count();
    await studio.page
      .getByRole('complementary', { name: 'Steps' })
      .getByRole('button', { name: title, exact: true })
      .dragTo(canvas(), { targetPosition: { x, y } });
    await studio.page.waitForFunction(
      (n) => document.querySelectorAll('.react-flow__node').length === n,
      before + 1,
    );
  }

  async function centre(locator: Locator) {
    const box = await locator.boundingBox();
    if (!box) throw new Error('not on screen');
    return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
  }

  /** Drags a connection from an output handle to an input handle, as a mouse user does. */
  async function drawConnection(from: Locator, to: Locator) {
    const start = await centre(from);
    const end = await centre(to);
    await studio.page.mouse.move(start.x, start.y);
    await studio.page.mouse.down();
    await studio.page.mouse.move((start.x + end.x) / 2, (start.y + end.y) / 2, { steps: 5 });
    await studio.page.mouse.move(end.x, end.y, { steps: 5 });
    await studio.page.mouse.up();
  }

  const edgeCount = () => studio.page.locator('.react-flow__edge').count();

  test('builds a welcome scenario from an empty canvas, fixes a validation error, publishes it, and it runs', async () => {
    // A new, empty scenario.
    await studio.page.getByRole('button', { name: 'New scenario' }).click();
    await studio.page
      .getByRole('dialog', { name: 'New scenario' })
      .getByLabel('Name')
      .fill('Welcome from scratch');
    await studio.page.getByRole('button', { name: 'Create' }).click();
    await studio.page.waitForURL(/\/scenarios\/[0-9a-f-]{36}$/);
    const id = studio.page.url().split('/').pop() as string;
    await studio.page.getByText('Drag a step here from the palette to start.').waitFor();
    await screenshot(studio.page, 'editor-empty');

    // The palette is searchable and grouped by category.
    const palette = studio.page.getByRole('complementary', { name: 'Steps' });
    for (const category of ['Triggers', 'Flow', 'Conditions', 'Messages']) {
      expect(await palette.getByRole('region', { name: category }).count()).toBe(1);
    }
    const all = await palette.getByRole('button').count();
    await palette.getByRole('searchbox', { name: 'Search steps' }).fill('email');
    const found = await palette.getByRole('button').allInnerTexts();
    expect(found).toContainEqual(expect.stringMatching(/^Send email/));
    expect(found.length).toBeLessThan(all);
    for (const text of found) expect(text.toLowerCase()).toContain('email');
    await palette.getByRole('searchbox', { name: 'Search steps' }).fill('');

    // Drag each step onto the canvas and configure it in the side panel.
    await dropStep('When an event happens', 320, 40);
    await panel().getByLabel('Event name').fill('newsletter.subscribed');
    await step('Trigger: When newsletter.subscribed').waitFor();

    await dropStep('Profile attribute', 320, 170);
    await panel().getByLabel('Property').fill('country');
    await panel().getByLabel('Operator').selectOption('equals');
    await panel().getByLabel('Value').fill('FR');
    await step('Condition: country equals FR').waitFor();

    await dropStep('Send email', 180, 320);
    await panel().getByLabel('Subject').fill('Bienvenue {{ profile.firstName }}');
    await panel().getByLabel('Text body').fill('Bonjour {{ profile.firstName }}, bienvenue !');
    await panel().getByLabel('Name on the canvas').fill('Welcome email');
    await step(/^Action: Email: Bienvenue/).waitFor();

    await dropStep('Wait', 180, 470);
    await panel().getByLabel('Wait for').fill('2');
    await panel().getByLabel('Unit').selectOption('seconds');
    await step('Wait: Wait 2 seconds').waitFor();

    await dropStep('Exit', 250, 600);
    expect(await studio.page.locator('.react-flow__node').count()).toBe(5);

    // Wire them with the mouse: trigger → condition → (yes) email → wait → exit.
    await drawConnection(
      studio.page.getByLabel('Output of When an event happens'),
      studio.page.getByLabel('Input of Profile attribute'),
    );
    await drawConnection(
      studio.page.getByLabel('Output yes of Profile attribute'),
      studio.page.getByLabel('Input of Welcome email'),
    );
    await drawConnection(
      studio.page.getByLabel('Output of Welcome email'),
      studio.page.getByLabel('Input of Wait'),
    );
    await drawConnection(studio.page.getByLabel('Output of Wait'), studio.page.getByLabel('Input of Exit'));
    expect(await edgeCount()).toBe(4);

    // Refused while dragging: a second edge from a connected output, an edge into a trigger, a self-loop.
    await drawConnection(
      studio.page.getByLabel('Output of Wait'),
      studio.page.getByLabel('Input of Profile attribute'),
    );
    await studio.page.getByText('This output already leads somewhere').waitFor();
    await drawConnection(studio.page.getByLabel('Output no of Profile attribute'), step(/^Trigger:/));
    await drawConnection(
      studio.page.getByLabel('Output no of Profile attribute'),
      studio.page.getByLabel('Input of Profile attribute'),
    );
    expect(await edgeCount()).toBe(4);

    // The API's validator, live: the condition's "no" branch leads nowhere.
    await saved();
    const condition = step(/^Condition: country equals FR, 1 problem$/);
    await condition.waitFor();
    // On the node: a badge whose tooltip is the validator's message.
    expect(await condition.getByTitle(/Port 'no'.*not connected/).innerText()).toContain('1 problem');
    await studio.page.getByRole('tab', { name: 'Problems (1)' }).click();
    await panel()
      .getByRole('button', { name: /^Show Profile attribute/ })
      .waitFor();
    await screenshot(studio.page, 'editor-problem');

    // Fix it from the problem list and the step's "Next steps" (the keyboard way to connect).
    await panel()
      .getByRole('button', { name: /^Show Profile attribute/ })
      .click();
    await panel().getByLabel('“no” leads to').selectOption({ label: 'Exit — Exit' });
    await studio.page.getByRole('tab', { name: 'Problems (0)' }).waitFor();
    await step('Condition: country equals FR').waitFor();
    expect(await edgeCount()).toBe(5);
    await saved();

    // Arrange, then publish: the dialog says what changes.
    await studio.page.getByRole('button', { name: 'Arrange' }).click();
    await studio.page.getByRole('button', { name: 'Publish…' }).click();
    const dialog = studio.page.getByRole('dialog', { name: 'Publish version 1' });
    await dialog.getByText('5 steps added').waitFor();
    expect(await dialog.getByRole('listitem').allInnerTexts()).toEqual([
      'When an event happens',
      'Profile attribute',
      'Welcome email',
      'Wait',
      'Exit',
    ]);
    await expectEveryControlNamed(studio.page);
    await screenshot(studio.page, 'editor-publish-dialog');
    await dialog.getByRole('button', { name: 'Publish version 1' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await studio.page.getByRole('heading', { level: 1, name: /Live/ }).waitFor();
    await studio.page.getByRole('tab', { name: 'Versions' }).click();
    await panel()
      .getByRole('link', { name: /^Version 1\s*live/ })
      .waitFor();
    await screenshot(studio.page, 'editor-published');

    const scenario = (await studio.admin<Scenario>('GET', `/scenarios/${id}`)).body;
    expect(scenario).toMatchObject({ status: 'live', currentVersion: 1 });
    const typeOf = Object.fromEntries(scenario.graph.nodes.map((n) => [n.id, n.type]));
    expect(
      scenario.graph.edges.map((e) => `${typeOf[e.source]}:${e.sourcePort}→${typeOf[e.target]}`).sort(),
    ).toEqual([
      'condition.attribute:no→exit',
      'condition.attribute:yes→send.email',
      'send.email:out→wait.duration',
      'trigger.event:out→condition.attribute',
      'wait.duration:out→exit',
    ]);

    // The scenario built in the browser runs: a French subscriber gets the email.
    await studio.admin('PUT', '/profiles/chloe', {
      email: 'chloe@example.test',
      traits: { firstName: 'Chloé', country: 'FR' },
      consents: { email: { status: 'granted', source: 'browser-test' } },
    });
    const tracked = await studio.ingest('POST', '/v1/track', {
      userId: 'chloe',
      event: 'newsletter.subscribed',
    });
    expect(tracked.status).toBe(200);
    const [mail] = await explainedBy(
      studio.smtp.waitForMessages(1, 30_000),
      studio.api.process,
      studio.worker.process,
    );
    expect(mail.subject).toBe('Bienvenue Chloé');
    expect(mail.text).toContain('Bonjour Chloé, bienvenue !');
  });

  test('works from the keyboard: add, connect, undo, redo, copy, paste, delete, tabs', async () => {
    const created = await studio.admin<{ id: string }>('POST', '/scenarios', {
      name: 'Keyboard',
      graph: {
        nodes: [
          {
            id: 'start',
            type: 'trigger.event',
            config: { event: 'cart.abandoned' },
            position: { x: 0, y: 0 },
          },
          { id: 'done', type: 'exit', config: {}, position: { x: 0, y: 400 } },
        ],
        edges: [],
      },
    });
    await studio.page.goto(`${studio.url}/scenarios/${created.body.id}`);
    await step(/^Trigger: When cart.abandoned, \d+ problems?$/).waitFor();

    // Every palette item is a named button; Enter adds the step in the middle of the canvas.
    const waitItem = studio.page
      .getByRole('complementary', { name: 'Steps' })
      .getByRole('button', { name: 'Wait', exact: true });
    await waitItem.focus();
    await studio.page.keyboard.press('Enter');
    await step(/^Wait: Wait 1 day/).waitFor();
    expect(await studio.page.locator('.react-flow__node').count()).toBe(3);

    // Connect through the step panel, by keyboard only.
    const trigger = step(/^Trigger: When cart.abandoned/);
    await trigger.focus();
    await studio.page.keyboard.press('Enter');
    await panel().getByLabel('Then').focus();
    await panel().getByLabel('Then').selectOption({ label: 'Wait — Wait 1 day' });
    expect(await edgeCount()).toBe(1);
    await expectEveryControlNamed(studio.page);

    // Undo and redo (buttons and shortcuts).
    await studio.page.getByRole('button', { name: 'Undo' }).click();
    expect(await edgeCount()).toBe(0);
    await studio.page.getByRole('button', { name: 'Redo' }).click();
    expect(await edgeCount()).toBe(1);
    await studio.page.locator('body').click({ position: { x: 5, y: 5 } });
    // A shortcut's change is drawn after its key event has returned (as Delete's below): waited for.
    await studio.page.keyboard.press('Control+z');
    await studio.page.waitForFunction(() => document.querySelectorAll('.react-flow__edge').length === 0);
    await studio.page.keyboard.press('Control+Shift+z');
    await studio.page.waitForFunction(() => document.querySelectorAll('.react-flow__edge').length === 1);

    // Copy and paste the wait step: a second one, with a fresh id, selected.
    const wait = step(/^Wait: Wait 1 day/).first();
    await wait.click();
    await panel().getByRole('heading', { name: 'Wait', level: 3 }).waitFor();
    await studio.page.keyboard.press('Control+c');
    await studio.page.keyboard.press('Control+v');
    await step(/^Wait: Wait 1 day/)
      .nth(1)
      .waitFor();
    expect(await studio.page.locator('.react-flow__node').count()).toBe(4);

    // Delete the selected copy with the keyboard.
    await studio.page.locator('.react-flow__node.selected').focus();
    await studio.page.keyboard.press('Delete');
    await studio.page.waitForFunction(() => document.querySelectorAll('.react-flow__node').length === 3);

    // Every step on the canvas is reachable by Tab and named.
    const names = await studio.page
      .locator('.react-flow__node')
      .evaluateAll((nodes) =>
        nodes.map(
          (n) => `${n.getAttribute('tabindex')} ${n.getAttribute('role')} ${n.getAttribute('aria-label')}`,
        ),
      );
    expect(names.every((name) => /^0 group \S/.test(name))).toBe(true);

    // Tabs follow the arrow keys.
    await studio.page.getByRole('tab', { name: 'Step' }).focus();
    await studio.page.keyboard.press('ArrowRight');
    expect(await studio.page.getByRole('tab', { name: /^Problems/ }).getAttribute('aria-selected')).toBe(
      'true',
    );
    await studio.page.keyboard.press('End');
    expect(await studio.page.getByRole('tab', { name: 'Versions' }).getAttribute('aria-selected')).toBe(
      'true',
    );
    await expectFocusVisible(studio.page);
    await screenshot(studio.page, 'editor-keyboard');

    // The publish dialog is modal, named, and Escape closes it.
    await studio.page.getByRole('button', { name: 'Publish…' }).click();
    const dialog = studio.page.getByRole('dialog', { name: 'Publish version 1' });
    await dialog.waitFor();
    expect(await dialog.getByRole('alert').innerText()).toMatch(/^Fix the \d+ problems of this draft/);
    expect(await dialog.getByRole('button', { name: 'Publish version 1' }).isDisabled()).toBe(true);
    await studio.page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    await saved();
  });
});

/** The focused element draws a visible outline (the studio's :focus-visible ring). */
async function expectFocusVisible(page: Page) {
  const outline = await page.evaluate(() => {
    const element = document.activeElement as HTMLElement;
    const style = getComputedStyle(element);
    return { width: style.outlineWidth, style: style.outlineStyle };
  });
  expect(outline.style).not.toBe('none');
  expect(parseFloat(outline.width)).toBeGreaterThan(0);
}
