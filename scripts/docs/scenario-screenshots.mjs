// Imports each scenario template into a fresh workspace and saves its canvas, the whole graph in
// view, as docs/images/scenarios/<template-id>.png (1400×900) for docs/scenarios.md. The canvas is
// the read-only one a viewer gets (no palette, no connection handles), without minimap and zoom
// controls. Needs `npm run build`. Usage: node scripts/docs/scenario-screenshots.mjs [template-id…]
/* global document, requestAnimationFrame, DOMMatrix, getComputedStyle -- functions run in the page */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { withStudioStack } from '../stack/studio-stack.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const outDir = path.join(root, 'docs/images/scenarios');
const CANVAS = { width: 1400, height: 900 };
const VIEWER = { email: 'docs-viewer@parcours.local', password: 'a long enough password' };
const CLEAN_CANVAS = `
  .react-flow__minimap, .react-flow__controls, .react-flow__attribution { display: none !important; }
`;

/** Resolves once every node is drawn (measured by React Flow), every edge is in, and a frame more. */
async function canvasDrawn(page, { nodes, edges }) {
  await page.waitForFunction(
    (expected) => {
      const drawn = document.querySelectorAll('.react-flow__node');
      return (
        drawn.length === expected.nodes &&
        document.querySelectorAll('.react-flow__edge').length === expected.edges &&
        [...drawn].every((node) => node.style.visibility !== 'hidden')
      );
    },
    { nodes, edges },
    { timeout: 60_000 },
  );
  await page.evaluate(
    () => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))),
  );
}

/**
 * React Flow fits the view at 100 % at most: a small graph is zoomed in (to 140 % at most) until
 * it fills about 80 % of the canvas, with the canvas's own zoom button (zooming on the centre).
 */
async function zoomToFill(page) {
  const ZOOM_STEP = 1.2; // React Flow's zoom-in factor
  for (;;) {
    const { room, zoom } = await page.evaluate(() => {
      const canvas = document.querySelector('.react-flow').getBoundingClientRect();
      const boxes = [...document.querySelectorAll('.react-flow__node')].map((node) =>
        node.getBoundingClientRect(),
      );
      const width = Math.max(...boxes.map((b) => b.right)) - Math.min(...boxes.map((b) => b.left));
      const height = Math.max(...boxes.map((b) => b.bottom)) - Math.min(...boxes.map((b) => b.top));
      const viewport = document.querySelector('.react-flow__viewport');
      return {
        room: Math.min((canvas.width * 0.8) / width, (canvas.height * 0.8) / height),
        zoom: new DOMMatrix(getComputedStyle(viewport).transform).a,
      };
    });
    if (room < ZOOM_STEP || zoom * ZOOM_STEP > 1.4) return zoom;
    await page.getByRole('button', { name: 'Zoom in' }).click();
  }
}

await withStudioStack({ workspaceName: 'Mia(ou)m and Zoro' }, async (stack) => {
  await stack.api('POST', '/users', { ...VIEWER, name: 'Docs', role: 'viewer' });
  const wanted = process.argv.slice(2);
  const templates = (await stack.api('GET', '/scenario-templates')).filter(
    (template) => wanted.length === 0 || wanted.includes(template.id),
  );
  if (templates.length === 0) throw new Error(`No template among ${wanted.join(', ')}`);
  fs.mkdirSync(outDir, { recursive: true });

  const context = await stack.browser.newContext({
    viewport: { width: 2000, height: 1100 },
    locale: 'en-GB',
  });
  const page = await context.newPage();
  await stack.signIn(page, VIEWER);
  const canvas = page.locator('section[aria-label^="Canvas of"]');
  let sized = false;
  for (const template of templates) {
    const scenario = await stack.api('POST', `/scenario-templates/${template.id}/import`, {});
    const expected = { nodes: scenario.graph.nodes.length, edges: scenario.graph.edges.length };
    await page.goto(`${stack.studioUrl}/scenarios/${scenario.id}`);
    await canvasDrawn(page, expected);
    if (!sized) {
      // The window that gives the canvas CANVAS, plus 3 px over the toolbar’s border it starts
      // under (left out of the picture); the view is fitted again on the reload.
      const box = await canvas.boundingBox();
      const viewport = page.viewportSize();
      await page.setViewportSize({
        width: viewport.width + CANVAS.width - Math.round(box.width),
        height: viewport.height + CANVAS.height + 3 - Math.round(box.height),
      });
      sized = true;
      await page.reload();
      await canvasDrawn(page, expected);
    }
    const zoom = await zoomToFill(page);
    await page.addStyleTag({ content: CLEAN_CANVAS });
    const file = path.join(outDir, `${template.id}.png`);
    const box = await canvas.boundingBox();
    await page.screenshot({
      path: file,
      clip: { x: Math.round(box.x), y: Math.round(box.y) + 2, width: CANVAS.width, height: CANVAS.height },
    });
    console.log(
      `${template.id}: ${expected.nodes} steps, ${expected.edges} connections, zoom ${zoom.toFixed(2)} → ${path.relative(root, file)}`,
    );
  }
});
