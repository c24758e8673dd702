// "Start from a template" in a real browser against the real API: the templates by brand with
// what each sets up, a template imported into a new draft drawn on the canvas, and a refusal
// shown on the template it is about. Needs `npm run build -w apps/studio` and `npx tsc -b apps/api`
// first. Screenshots land in tests/artifacts/.
import { expectEveryControlNamed, screenshot, useStudio } from '../support/studio';
import { addMember, type Member } from '../support/users';

interface TemplateSummary {
  name: string;
  source: string;
  segments: string[];
  computedTraits: string[];
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

interface ScenarioSummary {
  id: string;
  name: string;
  status: string;
}

describe('studio (browser): start a scenario from a template', () => {
  const studio = useStudio();
  let editor: Member;
  let viewer: Member;

  beforeAll(async () => {
    [editor, viewer] = await Promise.all([addMember(studio, 'editor'), addMember(studio, 'viewer')]);
  });

  const scenarios = async () => (await studio.admin<ScenarioSummary[]>('GET', '/scenarios')).body;

  test('lists the templates by brand with what they set up, and imports one onto its canvas', async () => {
    await studio.signIn(editor);
    await studio.page.getByRole('button', { name: 'Start from a template' }).click();
    const dialog = studio.page.getByRole('dialog', { name: 'Start from a template' });
    await dialog.waitFor();
    expect(await dialog.getByRole('heading', { level: 3 }).allInnerTexts()).toEqual([
      expect.stringMatching(/^Mia\(ou\)m$/i),
      expect.stringMatching(/^Zoro$/i),
    ]);
    const miaoum = dialog.getByRole('region', { name: 'Mia(ou)m' });
    expect(await miaoum.getByRole('heading', { level: 4 }).allInnerTexts()).toEqual([
      'Mia(ou)m welcome pack',
      'Mia(ou)m kibble stock alert',
    ]);
    // Each card says where the template comes from and what importing it sets up, as the API lists.
    const listed = (await studio.admin<TemplateSummary[]>('GET', '/scenario-templates')).body;
    expect(listed.length).toBeGreaterThanOrEqual(6);
    for (const template of listed) {
      const card = dialog.getByRole('listitem').filter({ hasText: template.name }).first();
      const text = await card.innerText();
      expect(text).toContain(template.source);
      for (const segment of template.segments)
        expect(text).toMatch(new RegExp(`Segment\\s+${escape(segment)}`));
      for (const trait of template.computedTraits)
        expect(text).toMatch(new RegExp(`Computed trait\\s+${escape(trait)}`));
      if (template.segments.length + template.computedTraits.length === 0)
        expect(text).toContain('Needs no segment or computed trait.');
    }
    expect(listed.some((t) => t.segments.length > 0)).toBe(true);
    expect(await dialog.getByRole('button', { name: /^Use the template / }).count()).toBe(listed.length);
    await expectEveryControlNamed(studio.page);
    await screenshot(studio.page, 'template-picker');

    await dialog.getByRole('button', { name: 'Use the template Mia(ou)m kibble stock alert' }).click();
    await studio.page.waitForURL(/\/scenarios\/[0-9a-f-]{36}$/);
    const id = studio.page.url().split('/').pop() as string;
    await studio.page.getByRole('heading', { level: 1, name: /Mia\(ou\)m kibble stock alert/ }).waitFor();

    // Its six steps are drawn with their names, and the validator finds nothing to fix.
    const canvas = studio.page.getByRole('region', { name: /^Canvas of Mia\(ou\)m kibble stock alert/ });
    for (const name of [
      /^Trigger: .*\(14 days after the last kibble order\)$/,
      /^Condition: .*\(Can we email them\?\)$/,
      /\(Pack size of the order\)$/,
      /^Wait: Wait 7 days \(XL: one more week\)$/,
      /^Action: .*\(Stock nearly empty\)$/,
      /^Exit/,
    ])
      await canvas.getByRole('group', { name }).waitFor();
    expect(await canvas.locator('.react-flow__node').count()).toBe(6);
    expect(await canvas.locator('.react-flow__edge').count()).toBe(7);
    const labels = await canvas.locator('.react-flow__node').allInnerTexts();
    for (const label of ['14 days after the last kibble order', 'Can we email them?', 'Stock nearly empty'])
      expect(labels.some((text) => text.includes(label))).toBe(true);
    await studio.page.getByRole('tab', { name: 'Problems (0)' }).waitFor();
    await screenshot(studio.page, 'template-imported');

    const created = await studio.admin<ScenarioSummary & { graph: { nodes: unknown[] } }>(
      'GET',
      `/scenarios/${id}`,
    );
    expect(created.body).toMatchObject({ name: 'Mia(ou)m kibble stock alert', status: 'draft' });
    expect(created.body.graph.nodes).toHaveLength(6);
  });

  test('a refused import is said on its template, and nothing is created', async () => {
    const member = await addMember(studio, 'editor');
    await studio.signIn(member);
    await studio.page.getByRole('button', { name: 'Start from a template' }).click();
    const dialog = studio.page.getByRole('dialog', { name: 'Start from a template' });
    await dialog.waitFor();
    // Demoted while the dialog is open: the API refuses, the studio says why.
    expect((await studio.admin('PATCH', `/users/${member.id}`, { role: 'viewer' })).status).toBe(200);
    const before = (await scenarios()).length;

    const use = dialog.getByRole('button', { name: 'Use the template Zoro abandoned cart' });
    await use.click();
    const card = dialog.getByRole('listitem').filter({ hasText: 'Zoro abandoned cart' }).first();
    await card
      .getByRole('alert')
      .getByText('Your role (viewer) can only read: this needs the editor role (create, edit and publish)')
      .waitFor();
    expect(await use.getAttribute('aria-describedby')).toBeTruthy();
    expect(studio.page.url()).toBe(`${studio.url}/scenarios`);
    expect(await dialog.getByRole('alert').count()).toBe(1);
    await screenshot(studio.page, 'template-refused');
    expect((await scenarios()).length).toBe(before);
  });

  test('viewers are not offered templates', async () => {
    await studio.signIn(viewer);
    await studio.page.getByRole('heading', { level: 1, name: 'Scenarios' }).waitFor();
    expect(await studio.page.getByRole('button', { name: 'Start from a template' }).count()).toBe(0);
  });
});
