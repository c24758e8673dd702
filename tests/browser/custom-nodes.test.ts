// A custom node package (examples/nodes-loyalty) in the studio: the API it talks to loads it with
// PARCOURS_NODE_PACKAGES, the palette offers it, and its config form is generated from its schema.
import { screenshot, useStudio } from '../support/studio';

describe('custom nodes in the studio (browser)', () => {
  const studio = useStudio({
    demo: true,
    apiEnv: { PARCOURS_NODE_PACKAGES: './examples/nodes-loyalty' },
    signedIn: true,
  });

  test('offers the custom node in the palette and configures it through its generated form', async () => {
    await studio.page.getByRole('button', { name: 'New scenario' }).click();
    await studio.page.getByRole('dialog', { name: 'New scenario' }).getByLabel('Name').fill('Loyalty');
    await studio.page.getByRole('button', { name: 'Create' }).click();
    await studio.page.waitForURL(/\/scenarios\/[0-9a-f-]{36}$/);
    const id = studio.page.url().split('/').pop() as string;

    const palette = studio.page.getByRole('complementary', { name: 'Steps' });
    await palette.getByRole('searchbox', { name: 'Search steps' }).fill('loyalty');
    const entry = palette
      .getByRole('region', { name: 'Actions' })
      .getByRole('button', { name: /^Add loyalty points/ });
    await entry.waitFor();
    expect(await palette.getByRole('button').count()).toBe(1);

    await entry.dragTo(studio.page.getByRole('region', { name: /^Canvas of / }), {
      targetPosition: { x: 320, y: 120 },
    });
    const panel = studio.page.getByRole('tabpanel');
    await expect(panel.getByLabel('Loyalty API URL').inputValue()).resolves.toBe(
      'https://loyalty.example.com/api',
    );
    await expect(panel.getByLabel('Reason').inputValue()).resolves.toBe('journey');
    await panel.getByLabel('Points').fill('250');
    await studio.page.getByRole('toolbar').getByText('All changes saved').waitFor();
    await screenshot(studio.page, 'custom-node');

    const { body } = await studio.admin<{
      graph: { nodes: { type: string; config: Record<string, unknown> }[] };
    }>('GET', `/scenarios/${id}`);
    expect(body.graph.nodes).toEqual([
      expect.objectContaining({
        type: 'acme.loyalty.add-points',
        config: expect.objectContaining({ points: 250, apiUrl: 'https://loyalty.example.com/api' }),
      }),
    ]);
  });
});
