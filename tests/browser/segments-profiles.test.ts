// Segments and profiles in a real browser over the real API: a nested rule built with the
// keyboard, its live count checked against the data ingested, saved and its members listed; a
// rule the API refuses, with the message on the field; a profile found by email and its 360 view;
// a viewer who can read but not save. Screenshots land in tests/artifacts/.
import type { Locator } from 'playwright-core';
import { waitFor } from '../support/ports';
import { expectEveryControlNamed, screenshot, useStudio } from '../support/studio';
import { trackEvent } from '../support/track-event';
import { addMember, type Member } from '../support/users';

interface Segment {
  id: string;
  name: string;
  rule: unknown;
  version: number;
  builtVersion: number | null;
  memberCount?: number;
}

// Who matches "country FR and (2+ kibble orders in the last 90 days, or SMS consent granted)":
// ann (two kibble orders) and bob (SMS consent); not chloe (DE), dan (toys), eve (nothing).
const CUSTOMERS = [
  { userId: 'ann', country: 'FR', kibbleOrders: 2, sms: false },
  { userId: 'bob', country: 'FR', kibbleOrders: 1, sms: true },
  { userId: 'chloe', country: 'DE', kibbleOrders: 2, sms: false },
  { userId: 'dan', country: 'FR', kibbleOrders: 0, sms: false, toyOrders: 2 },
  { userId: 'eve', country: 'FR', kibbleOrders: 0, sms: false },
];
const email = (userId: string) => `${userId}@example.test`;

describe('segments and profiles (browser)', () => {
  const studio = useStudio({ demo: true, viewport: { width: 1440, height: 1000 } });
  let viewer: Member;
  let savedSegmentId: string;

  beforeAll(async () => {
    const ingest = studio.ingest;
    for (const customer of CUSTOMERS) {
      const res = await studio.admin('PUT', `/profiles/${customer.userId}`, {
        email: email(customer.userId),
        traits: { country: customer.country, firstName: customer.userId },
        consents: {
          email: { status: 'granted', source: 'signup' },
          ...(customer.sms ? { sms: { status: 'granted', source: 'checkout' } } : {}),
        },
      });
      expect(res.status).toBe(200);
      for (let i = 0; i < customer.kibbleOrders; i++) {
        await trackEvent(
          ingest,
          customer.userId,
          'order.completed',
          { category: 'kibble', total: 30 },
          5 + i,
        );
      }
      for (let i = 0; i < (customer.toyOrders ?? 0); i++) {
        await trackEvent(ingest, customer.userId, 'order.completed', { category: 'toys', total: 12 }, 3 + i);
      }
    }
    viewer = await addMember(studio, 'viewer');
  });
  const preview = () => studio.page.getByRole('complementary', { name: 'Live preview' });
  const condition = (number: string) =>
    studio.page.getByRole('group', { name: new RegExp(`^Condition ${number}:`) });

  /** The preview once it has settled on the current rule. */
  async function previewSays(text: string) {
    await preview()
      .and(studio.page.locator('[aria-busy="false"]'))
      .getByRole('status')
      .getByText(text)
      .waitFor();
  }

  /** Focuses a control and types into it, as a keyboard user does (no mouse). */
  async function typeInto(control: Locator, text: string) {
    await control.focus();
    await studio.page.keyboard.press('Control+A');
    await studio.page.keyboard.type(text);
  }

  /** Presses a named button from the keyboard. */
  async function press(control: Locator) {
    await control.focus();
    await studio.page.keyboard.press('Enter');
  }

  /** Follows a link of the main navigation. */
  const openSection = (name: string) =>
    studio.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name }).click();

  /** The error message a control points at with aria-describedby. */
  async function errorOf(control: Locator): Promise<string | null> {
    if ((await control.getAttribute('aria-invalid')) !== 'true') return null;
    const id = await control.getAttribute('aria-describedby');
    return id ? studio.page.locator(`[id="${id}"]`).textContent() : null;
  }

  test('builds a nested rule with the keyboard, sees the live count match the data, saves it and lists its members', async () => {
    await studio.signIn(studio.demoAdmin);
    await openSection('Segments');
    await studio.page.getByRole('heading', { name: 'No segment yet' }).waitFor();
    await press(studio.page.getByRole('link', { name: 'New segment' }));
    await studio.page.waitForURL(`${studio.url}/segments/new`);
    await previewSays('Add a condition to see who matches.');

    await typeInto(studio.page.getByLabel('Name', { exact: true }), 'French kibble buyers or SMS');

    // Condition 1: the trait country equals FR.
    await press(studio.page.getByRole('button', { name: 'Add a condition to Rule' }));
    const first = condition('1');
    await first.waitFor();
    // Focus moved into the new condition.
    expect(
      await studio.page.evaluate(() =>
        document.activeElement?.closest('[role=group]')?.getAttribute('aria-label'),
      ),
    ).toBe('Condition 1: Trait');
    await typeInto(first.getByLabel('Trait'), 'country');
    await typeInto(first.getByLabel('Value'), 'FR');
    await previewSays('4 profiles match');

    // Group 2: any of (a measured kibble event, SMS consent).
    await press(studio.page.getByRole('button', { name: 'Add a group to Rule' }));
    const groupMatch = studio.page.getByLabel('Group 2 matches');
    await groupMatch.waitFor();
    expect(await studio.page.evaluate(() => document.activeElement?.id)).toBe(
      await groupMatch.getAttribute('id'),
    );
    await studio.page.keyboard.press('ArrowDown'); // all of these → any of these
    await studio.page.getByRole('group', { name: 'Group 2: any of these' }).waitFor();

    await studio.page.getByLabel('Type of the condition to add to Group 2').focus();
    await studio.page.keyboard.type('Event');
    await press(studio.page.getByRole('button', { name: 'Add a condition to Group 2' }));
    const event = condition('2.1');
    await event.waitFor();
    await typeInto(event.getByLabel('Event'), 'order.completed');
    await event.getByLabel('Did').focus();
    await studio.page.keyboard.press('ArrowDown');
    await studio.page.keyboard.press('ArrowDown'); // did it → did not → measured…
    await typeInto(event.getByLabel('Value'), '2');
    await typeInto(event.getByLabel('In the last'), '90');
    await press(event.getByRole('button', { name: 'Add a property filter to Condition 2.1' }));
    const filter = studio.page.getByRole('group', { name: 'Condition 2.1, filter 1' });
    await typeInto(filter.getByLabel('Property'), 'category');
    await typeInto(filter.getByLabel('Value'), 'kibble');

    await studio.page.getByLabel('Type of the condition to add to Group 2').focus();
    await studio.page.keyboard.type('Consent');
    await press(studio.page.getByRole('button', { name: 'Add a condition to Group 2' }));
    const consent = condition('2.2');
    await consent.getByLabel('Channel').focus();
    await studio.page.keyboard.type('SMS');

    await previewSays('2 profiles match');
    const sample = preview().getByRole('list', { name: 'Sample profiles' });
    expect((await sample.getByRole('link').allTextContents()).sort()).toEqual([email('ann'), email('bob')]);
    await expectEveryControlNamed(studio.page);
    await screenshot(studio.page, 'segment-builder');

    await press(studio.page.getByRole('button', { name: 'Create segment' }));
    await studio.page.waitForURL(/\/segments\/[0-9a-f-]{36}$/);
    savedSegmentId = studio.page.url().split('/').pop()!;

    // What the API stored is the rule that was built.
    const stored = await studio.admin<Segment>('GET', `/segments/${savedSegmentId}`);
    expect(stored.body.rule).toEqual({
      type: 'and',
      rules: [
        { type: 'trait', path: 'country', operator: 'equals', value: 'FR' },
        {
          type: 'or',
          rules: [
            {
              type: 'event',
              event: 'order.completed',
              where: [{ path: 'category', operator: 'equals', value: 'kibble' }],
              within: { amount: 90, unit: 'days' },
              operator: 'gte',
              value: 2,
            },
            { type: 'consent', channel: 'sms', status: 'granted' },
          ],
        },
      ],
    });

    // Built in the background: the members appear once it is done.
    await waitFor('the segment to be built', async () => {
      const { body } = await studio.admin<Segment>('GET', `/segments/${savedSegmentId}`);
      return body.builtVersion === body.version ? true : undefined;
    });
    await studio.page.reload();
    await studio.page.getByRole('heading', { name: 'Members (2)' }).waitFor();
    const members = studio.page.getByRole('table', { name: 'Members of the segment' });
    expect((await members.getByRole('link').allTextContents()).sort()).toEqual([email('ann'), email('bob')]);
    // The builder shows the saved rule again.
    expect(await condition('2.1').getByLabel('Event').inputValue()).toBe('order.completed');
    await screenshot(studio.page, 'segment-members');

    // The CSV goes through the studio with the session: the browser holds no API credential.
    const csv = await studio.page.request.get(`${studio.url}/segments/${savedSegmentId}/members.csv`);
    expect(csv.status()).toBe(200);
    const csvText = await csv.text();
    expect(csvText).toContain(email('ann'));
    expect(csvText).toContain(email('bob'));
    expect(csvText).not.toContain(email('eve'));

    // The list shows it with its member count.
    await studio.page
      .getByRole('navigation', { name: 'Breadcrumb' })
      .getByRole('link', { name: 'Segments' })
      .click();
    const row = studio.page.getByRole('row', { name: /French kibble buyers or SMS/ });
    await row.getByRole('cell', { name: '2', exact: true }).waitFor();
  });

  test('shows the API’s refusals on the field they are about, and saves nothing', async () => {
    await studio.signIn(studio.demoAdmin);
    const before = (await studio.admin<Segment[]>('GET', '/segments')).body.length;
    await studio.page.goto(`${studio.url}/segments/new`);
    await typeInto(studio.page.getByLabel('Name', { exact: true }), 'Bad path');
    await press(studio.page.getByRole('button', { name: 'Add a condition to Rule' }));
    const trait = condition('1').getByLabel('Trait');
    // A space is not allowed in a path: the live preview already says so, on the field.
    await typeInto(trait, 'first name');
    await typeInto(condition('1').getByLabel('Value'), 'ann');
    await preview().getByText('The rule cannot be evaluated').waitFor();
    await waitFor('the error on the trait field', async () => ((await errorOf(trait)) ? true : undefined));
    await press(studio.page.getByRole('button', { name: 'Create segment' }));
    await studio.page.getByRole('alert').getByText('Not saved: see the fields marked in red.').waitFor();
    expect(await errorOf(trait)).toMatch(/path/i);
    expect(studio.page.url()).toBe(`${studio.url}/segments/new`);
    await screenshot(studio.page, 'segment-refused');

    // A name already taken: the 409 lands on the name.
    await typeInto(trait, 'firstName');
    await typeInto(studio.page.getByLabel('Name', { exact: true }), 'French kibble buyers or SMS');
    await previewSays('1 profile matches');
    expect(await errorOf(trait)).toBeNull();
    await press(studio.page.getByRole('button', { name: 'Create segment' }));
    const name = studio.page.getByLabel('Name', { exact: true });
    await waitFor('the error on the name', async () => ((await errorOf(name)) ? true : undefined));
    expect(await errorOf(name)).toMatch(/name/i);
    expect((await studio.admin<Segment[]>('GET', '/segments')).body.length).toBe(before);
  });

  test('finds a profile by email and shows its 360 view: consent, timeline, segments; an admin can export and erase', async () => {
    await studio.signIn(studio.demoAdmin);
    await openSection('Profiles');
    const search = studio.page.getByRole('search', { name: 'Profile search' });
    await search.getByLabel('Value').fill('nobody@example.test');
    await search.getByLabel('Value').press('Enter');
    await studio.page.getByText('No profile has the Email nobody@example.test.').waitFor();
    await search.getByLabel('Value').fill('not an email');
    await search.getByLabel('Value').press('Enter');
    await waitFor('the error on the search field', async () =>
      (await errorOf(studio.page.getByRole('search').getByLabel('Value'))) ? true : undefined,
    );

    await studio.page.getByRole('search').getByLabel('Value').fill(email('ann'));
    await studio.page.getByRole('search').getByLabel('Value').press('Enter');
    await studio.page.getByRole('heading', { level: 1, name: email('ann') }).waitFor();

    const consent = studio.page.getByRole('table', { name: 'Consent per channel' });
    expect(await consent.getByRole('row', { name: /Email/ }).getByRole('cell').first().textContent()).toBe(
      'Granted',
    );
    expect(await consent.getByRole('row', { name: /SMS/ }).getByRole('cell').first().textContent()).toBe(
      'No decision',
    );
    const timeline = studio.page.getByRole('list', { name: 'Timeline' });
    expect(await timeline.getByText('order.completed').count()).toBe(2);
    const segments = studio.page.getByRole('region', { name: 'Segments', exact: true });
    await segments.getByRole('link', { name: 'French kibble buyers or SMS' }).waitFor();
    expect(
      await studio.page.getByRole('region', { name: 'Traits', exact: true }).getByText('FR').count(),
    ).toBe(1);
    await expectEveryControlNamed(studio.page);
    await screenshot(studio.page, 'profile-360');

    const profileUrl = studio.page.url();
    const exported = await studio.page.request.get(`${profileUrl}/export`);
    expect(exported.status()).toBe(200);
    expect(((await exported.json()) as { profile: { email: string } }).profile.email).toBe(email('ann'));

    // Erasing asks for a typed confirmation; eve is gone afterwards.
    await studio.page.goto(`${studio.url}/profiles?kind=user_id&value=eve`);
    await studio.page.getByRole('heading', { level: 1, name: email('eve') }).waitFor();
    await studio.page.getByRole('button', { name: 'Erase (GDPR)' }).click();
    const dialog = studio.page.getByRole('dialog', { name: `Erase ${email('eve')}?` });
    const confirm = dialog.getByRole('button', { name: 'Erase for good' });
    expect(await confirm.isDisabled()).toBe(true);
    await dialog.getByLabel('Type erase to confirm').fill('erase');
    await confirm.click();
    await studio.page.getByText('Profile erased').waitFor();
    expect((await studio.admin('GET', '/profiles/eve')).status).toBe(404);
  });

  test('a viewer reads segments and profiles but cannot save: the UI offers no way, the API refuses', async () => {
    await studio.signIn(viewer);
    await studio.page.goto(`${studio.url}/segments`);
    await studio.page.getByRole('link', { name: 'French kibble buyers or SMS' }).waitFor();
    expect(await studio.page.getByRole('link', { name: 'New segment' }).count()).toBe(0);
    await studio.page.getByRole('link', { name: 'French kibble buyers or SMS' }).click();
    await studio.page.getByRole('heading', { name: 'Members (2)' }).waitFor();
    expect(await studio.page.getByRole('button', { name: /Save|Create segment/ }).count()).toBe(0);
    expect(await studio.page.getByRole('button', { name: /Add a condition/ }).count()).toBe(0);
    expect(await condition('1').getByLabel('Trait').getAttribute('readonly')).not.toBeNull();
    await screenshot(studio.page, 'segment-viewer');

    const session = await viewer.signIn();
    const refused = await session<{ message: string }>('PUT', `/segments/${savedSegmentId}`, {
      name: 'Renamed',
    });
    expect(refused.status).toBe(403);
    expect(refused.body.message).toMatch(/viewer/);
    expect((await studio.admin<Segment>('GET', `/segments/${savedSegmentId}`)).body.name).toBe(
      'French kibble buyers or SMS',
    );

    // Profiles are readable; erasing is not offered.
    await studio.page.goto(`${studio.url}/profiles?kind=email&value=${encodeURIComponent(email('bob'))}`);
    await studio.page.getByRole('heading', { level: 1, name: email('bob') }).waitFor();
    expect(await studio.page.getByRole('button', { name: 'Erase (GDPR)' }).count()).toBe(0);
  });
});
