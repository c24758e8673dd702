// What a CRM team watches and tries around the canvas, in a real browser over the real stack (API,
// worker, SMTP): the live stats overlay counting customers as journeys run, a dry run of two
// customers highlighted on the canvas, and templates previewed for a customer with their errors
// on the field. Screenshots land in tests/artifacts/.
import { explainedBy } from '../support/app-process';
import { expectEveryControlNamed, screenshot, useStudio } from '../support/studio';
import { trackEvent } from '../support/track-event';

// trigger → consent? → yes: email → wait 1 hour (customers stay there) → exit; no: exit.
const WELCOME = {
  nodes: [
    {
      id: 'subscribed',
      type: 'trigger.event',
      config: { event: 'newsletter.subscribed' },
      position: { x: 200, y: 0 },
    },
    { id: 'consent', type: 'condition.consent', config: { channel: 'email' }, position: { x: 200, y: 150 } },
    {
      id: 'welcome',
      type: 'send.email',
      config: { subject: 'Bienvenue {{ profile.firstName }}', text: 'Bonjour {{ profile.firstName }} !' },
      position: { x: 0, y: 320 },
      label: 'Welcome email',
    },
    { id: 'pause', type: 'wait.duration', config: { amount: 1, unit: 'hours' }, position: { x: 0, y: 480 } },
    { id: 'done', type: 'exit', config: {}, position: { x: 200, y: 640 } },
  ],
  edges: [
    { id: 'e1', source: 'subscribed', sourcePort: 'out', target: 'consent' },
    { id: 'e2', source: 'consent', sourcePort: 'yes', target: 'welcome' },
    { id: 'e3', source: 'consent', sourcePort: 'no', target: 'done' },
    { id: 'e4', source: 'welcome', sourcePort: 'out', target: 'pause' },
    { id: 'e5', source: 'pause', sourcePort: 'out', target: 'done' },
  ],
};

describe('studio: stats, dry runs and templates (browser)', () => {
  const studio = useStudio({ demo: true, journeys: true, signedIn: true });
  let scenarioId: string;

  beforeAll(async () => {
    await studio.admin('PUT', '/profiles/chloe', {
      email: 'chloe@example.test',
      traits: { firstName: 'Chloé', country: 'FR' },
      consents: { email: { status: 'granted', source: 'browser-test' } },
    });
    await studio.admin('PUT', '/profiles/lea', { email: 'lea@example.test', traits: { firstName: 'Léa' } });
    const created = await studio.admin<{ id: string }>('POST', '/scenarios', {
      name: 'Welcome',
      graph: WELCOME,
    });
    scenarioId = created.body.id;
    const published = await studio.admin('POST', `/scenarios/${scenarioId}/publish`);
    expect(published.status).toBeLessThan(300);
  });

  const step = (name: string | RegExp) => studio.page.getByRole('group', { name });
  const statsOf = (name: string | RegExp) => step(name).getByRole('group', { name: 'Stats of this step' });
  const panel = () => studio.page.getByRole('tabpanel');

  test('the stats overlay counts customers as their journeys run, per version and period', async () => {
    await studio.page.goto(`${studio.url}/scenarios/${scenarioId}`);
    const bar = studio.page.getByRole('group', { name: 'Live stats' });
    expect(await bar.getByRole('button', { name: 'Stats' }).getAttribute('aria-pressed')).toBe('true');
    await bar.getByText('0 entered · 0 active · 0 completed · 0 exited').waitFor();
    expect(await statsOf(/^Trigger:/).innerText()).toContain('0 entered');

    // Two customers subscribe: Chloé (email consent) gets the email and waits; Léa leaves at once.
    const ingest = studio.ingest;
    await trackEvent(ingest, 'chloe', 'newsletter.subscribed');
    await trackEvent(ingest, 'lea', 'newsletter.subscribed');
    await explainedBy(studio.smtp.waitForMessages(1, 30_000), studio.api.process, studio.worker.process);

    // The overlay refreshes by itself (no reload): the counts move onto each node.
    const renders = await studio.page.evaluate(() => {
      (window as unknown as { marker: boolean }).marker = true;
      return document.querySelectorAll('.react-flow__node').length;
    });
    await bar.getByText('2 entered · 1 active · 1 completed · 0 exited').waitFor({ timeout: 30_000 });
    await statsOf(/^Condition:/)
      .getByText('yes 1 (50%)')
      .waitFor();
    expect(await statsOf(/^Condition:/).innerText()).toContain('no 1 (50%)');
    await statsOf(/Welcome email/)
      .getByText('1 sent')
      .waitFor();
    await statsOf(/^Wait:/)
      .getByText('1 here now')
      .waitFor();
    await statsOf(/^Exit/).getByText('1 ended here').waitFor();
    expect(await statsOf(/^Trigger:/).innerText()).toContain('2 entered');
    expect(await studio.page.evaluate(() => (window as unknown as { marker?: boolean }).marker)).toBe(true);
    expect(await studio.page.locator('.react-flow__node').count()).toBe(renders);
    await expectEveryControlNamed(studio.page);
    await screenshot(studio.page, 'stats-overlay');
    // Every step's band has the same height (two lines, always), whatever it shows.
    const bandHeights = await studio.page
      .getByRole('group', { name: 'Stats of this step' })
      .evaluateAll((bands) => bands.map((band) => (band as HTMLElement).offsetHeight));
    expect(bandHeights).toHaveLength(5);
    expect(new Set(bandHeights).size).toBe(1);

    // Version 1 alone shows the same; a period before anyone entered is not possible (ranges end
    // now), but hiding the overlay removes the counts from the nodes.
    await bar.getByLabel('Version').selectOption({ label: 'v1 (live)' });
    await bar.getByLabel('Period').selectOption({ label: 'Last hour' });
    await bar.getByText('2 entered · 1 active · 1 completed · 0 exited').waitFor();
    await bar.getByRole('button', { name: 'Stats' }).click();
    await statsOf(/^Trigger:/).waitFor({ state: 'detached' });
    expect(await bar.getByLabel('Version').count()).toBe(0);

    // A published version's page shows that version's counts, with no other version to choose.
    await studio.page.goto(`${studio.url}/scenarios/${scenarioId}/versions/1`);
    const versionBar = studio.page.getByRole('group', { name: 'Live stats' });
    await versionBar.getByText('2 entered · 1 active · 1 completed · 0 exited').waitFor();
    expect(await versionBar.getByLabel('Version').count()).toBe(0);
    await statsOf(/^Wait:/)
      .getByText('1 here now')
      .waitFor();
    await statsOf(/Welcome email/)
      .getByText('1 sent')
      .waitFor();
    expect(await statsOf(/^Condition:/).innerText()).toContain('yes 1 (50%)');
    await expectEveryControlNamed(studio.page);
    await screenshot(studio.page, 'version-stats');
  });

  test('a dry run highlights the path of each customer, with the decisions', async () => {
    await studio.page.goto(`${studio.url}/scenarios/${scenarioId}`);
    await studio.page.getByRole('tab', { name: 'Test' }).click();
    const search = panel().getByRole('search', { name: 'Customer to test' });

    // An unknown customer is said so, on the field.
    await search.getByRole('searchbox').fill('nobody@example.test');
    await search.getByRole('button', { name: 'Find' }).click();
    await panel()
      .getByRole('alert')
      .getByText('No customer has the identifier “nobody@example.test”.')
      .waitFor();

    // Chloé, by userId: consent → yes → email → wait → exit.
    await search.getByRole('searchbox').fill('chloe');
    await search.getByRole('button', { name: 'Find' }).click();
    await panel().getByText('Customer: Chloé (chloe)').waitFor();
    await panel().getByRole('button', { name: 'Run test' }).click();
    const chloePath = panel().getByRole('region', { name: 'Test path of Chloé (chloe)' });
    await chloePath.waitFor();
    expect(await chloePath.getByRole('listitem').allInnerTexts()).toEqual([
      expect.stringMatching(/^1\s*When an event happens\s*entered$/),
      expect.stringMatching(/^2\s*Contactable on a channel\s*yes$/),
      expect.stringMatching(/^3\s*Welcome email\s*sent$/),
      expect.stringMatching(/^4\s*Wait\s*wait \(1 hours\)$/),
      expect.stringMatching(/^5\s*Exit\s*exited$/),
    ]);
    await chloePath.getByText('Ends: completed at an exit').waitFor();
    await step(/^Condition:/)
      .getByText('2 · yes', { exact: true })
      .waitFor();
    await step(/Welcome email/)
      .getByText('3 · sent', { exact: true })
      .waitFor();
    expect(await studio.page.locator('.react-flow__edge.animated').count()).toBe(4);
    expect(await studio.page.locator('.react-flow__edge.animated[data-id="e3"]').count()).toBe(0);
    await expectEveryControlNamed(studio.page);
    await screenshot(studio.page, 'dry-run-chloe');

    // Léa, by email: no consent → exit; the email and the wait are not on her path.
    await search.getByRole('searchbox').fill('lea@example.test');
    await search.getByRole('button', { name: 'Find' }).click();
    await panel().getByText('Customer: Léa (lea)').waitFor();
    await panel().getByRole('button', { name: 'Run test' }).click();
    const leaPath = panel().getByRole('region', { name: 'Test path of Léa (lea)' });
    await leaPath.waitFor();
    expect(await leaPath.getByRole('listitem').count()).toBe(3);
    await step(/^Condition:/)
      .getByText('2 · no', { exact: true })
      .waitFor();
    await step(/^Exit/).getByText('3 · exited', { exact: true }).waitFor();
    expect(
      await step(/Welcome email/)
        .getByText(/· sent/)
        .count(),
    ).toBe(0);
    expect(
      await studio.page
        .locator('.react-flow__edge.animated')
        .evaluateAll((edges) => edges.map((e) => e.getAttribute('data-id'))),
    ).toEqual(expect.arrayContaining(['e1', 'e3']));
    expect(await studio.page.locator('.react-flow__edge.animated').count()).toBe(2);
    const faded = await studio.page
      .locator('.react-flow__node[data-id="welcome"]')
      .evaluate((node) => getComputedStyle(node).opacity);
    expect(Number(faded)).toBeLessThan(1);
    await screenshot(studio.page, 'dry-run-lea');

    // A step of the list is shown on the canvas from the keyboard; the path survives a tab switch.
    await leaPath.getByRole('button', { name: /^Show Exit/ }).focus();
    await studio.page.keyboard.press('Enter');
    await studio.page.waitForFunction(() => document.activeElement?.getAttribute('data-id') === 'done');
    await studio.page.getByRole('tab', { name: 'Versions' }).click();
    await studio.page.getByRole('tab', { name: 'Test' }).click();
    await panel().getByRole('button', { name: 'Clear the test' }).click();
    expect(await studio.page.locator('.react-flow__edge.animated').count()).toBe(0);
    expect(
      await step(/^Condition:/)
        .getByText(/· no/)
        .count(),
    ).toBe(0);
  });

  test('templates: an email previewed for a customer, errors on the field with their line, versions', async () => {
    await studio.page.getByRole('link', { name: 'Templates' }).click();
    await studio.page.waitForURL(`${studio.url}/templates`);
    await studio.page.getByRole('button', { name: 'New template' }).click();
    const dialog = studio.page.getByRole('dialog', { name: 'New template' });
    await dialog.getByLabel('Name').fill('Welcome email');
    await dialog.getByLabel('Channel').selectOption('email');
    await dialog.getByRole('button', { name: 'Create' }).click();
    await studio.page.waitForURL(/\/templates\/[0-9a-f-]{36}$/);
    const id = studio.page.url().split('/').pop() as string;

    // Preview for Chloé, then for Léa: the same source, personalised.
    const preview = studio.page.getByRole('region', { name: 'Preview' });
    const picker = preview.getByRole('search', { name: 'Preview for customer' });
    await picker.getByRole('searchbox').fill('chloe');
    await picker.getByRole('button', { name: 'Find' }).click();
    await preview.getByTestId('preview-subject').getByText('Hello Chloé').waitFor();
    const frame = studio.page.frameLocator('iframe[title="Email as Chloé (chloe) would get it"]');
    await frame.getByText('Hello Chloé,').waitFor();

    // Editing the source updates the preview live.
    const body = studio.page.getByLabel('MJML body');
    const source = await body.inputValue();
    await body.fill(
      source.replace(
        'Hello {{ profile.firstName | default: "there" }},',
        'Bonjour {{ profile.firstName }}, bienvenue !',
      ),
    );
    await frame.getByText('Bonjour Chloé, bienvenue !').waitFor();
    await preview.getByRole('radio', { name: /^Mobile/ }).check();
    expect(await studio.page.locator('iframe').evaluate((f) => f.getBoundingClientRect().width)).toBeLessThan(
      400,
    );
    await expectEveryControlNamed(studio.page);
    await screenshot(studio.page, 'template-preview');

    await picker.getByRole('searchbox').fill('lea@example.test');
    await picker.getByRole('button', { name: 'Find' }).click();
    await studio.page
      .frameLocator('iframe[title="Email as Léa (lea) would get it"]')
      .getByText('Bonjour Léa, bienvenue !')
      .waitFor();

    // A Liquid error on line 5: shown on the body field with its line, and the save is refused.
    const broken = (await body.inputValue()).replace(
      'Bonjour {{ profile.firstName }}',
      'Bonjour {% if profile.firstName %}',
    );
    await body.fill(broken);
    await studio.page.getByRole('button', { name: 'Save as version 2' }).click();
    const problem = studio.page.getByRole('alert').filter({ hasText: /^line 5, column \d+: / });
    await problem.waitFor();
    expect(await body.getAttribute('aria-invalid')).toBe('true');
    await screenshot(studio.page, 'template-error');
    await problem.getByRole('button', { name: 'Go to line 5' }).click();
    expect(
      await body.evaluate((t: HTMLTextAreaElement) => t.value.slice(0, t.selectionStart).split('\n').length),
    ).toBe(5);
    expect((await studio.admin<{ version: number }>('GET', `/templates/${id}`)).body.version).toBe(1);

    // Fixed: saved as version 2; version 1 stays readable.
    await body.fill(broken.replace('{% if profile.firstName %}', '{{ profile.firstName }}'));
    await studio.page.getByRole('button', { name: 'Save as version 2' }).click();
    await studio.page
      .getByRole('toolbar', { name: 'Template actions' })
      .getByText('Version 2 saved')
      .waitFor();
    expect((await studio.admin<{ version: number }>('GET', `/templates/${id}`)).body.version).toBe(2);
    await studio.page
      .getByRole('toolbar', { name: 'Template actions' })
      .getByLabel('Version')
      .selectOption('1');
    await studio.page.waitForURL(/\?version=1$/);
    await studio.page.getByText('Version 1, an older one: saving it makes version 3.').waitFor();
    expect(await studio.page.getByLabel('MJML body').inputValue()).toContain('Hello {{ profile.firstName');
  });

  test('templates: the SMS editor counts segments, the push editor previews the notification', async () => {
    const sms = await studio.admin<{ id: string }>('POST', '/templates', {
      name: 'Cart SMS',
      content: { channel: 'sms', body: 'Hi {{ profile.firstName }}, your cart is waiting.' },
    });
    await studio.page.goto(`${studio.url}/templates/${sms.body.id}`);
    const counter = studio.page.getByRole('status', { name: 'SMS length' });
    await counter.getByText(/^49 characters · 1 segment \(GSM-7, 160 per segment\)$/).waitFor();
    await studio.page.getByLabel('Message').fill(`${'a'.repeat(150)} {{ profile.firstName }} €`);
    await counter.getByText(/· 2 segments \(GSM-7, 153 per segment\)$/).waitFor();
    await studio.page.getByLabel('Message').fill('Coucou 👋 {{ profile.firstName }}');
    await counter.getByText(/· 1 segment \(UCS-2, 70 per segment\)$/).waitFor();
    const picker = studio.page.getByRole('search', { name: 'Preview for customer' });
    await picker.getByRole('searchbox').fill('chloe');
    await picker.getByRole('button', { name: 'Find' }).click();
    await studio.page.getByLabel('SMS as Chloé (chloe) would get it').getByText('Coucou 👋 Chloé').waitFor();
    await screenshot(studio.page, 'template-sms');

    const push = await studio.admin<{ id: string }>('POST', '/templates', {
      name: 'Back in stock',
      content: {
        channel: 'push',
        title: '{{ profile.firstName }}, it is back',
        body: 'Your kibble is in stock.',
      },
    });
    await studio.page.goto(`${studio.url}/templates/${push.body.id}`);
    await studio.page
      .getByRole('search', { name: 'Preview for customer' })
      .getByRole('searchbox')
      .fill('lea');
    await studio.page
      .getByRole('search', { name: 'Preview for customer' })
      .getByRole('button', { name: 'Find' })
      .click();
    await studio.page
      .getByRole('group', { name: 'Notification as Léa (lea) would get it' })
      .getByText('Léa, it is back')
      .waitFor();
    await expectEveryControlNamed(studio.page);
    await screenshot(studio.page, 'template-push');
  });
});
