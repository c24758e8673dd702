// `node scripts/docs/scenario-results.mjs [--api http://127.0.0.1:4000]`: while `npm run up` runs,
// prints each demo scenario's results so far (docs/scenarios.md): journeys entered, messages sent,
// delivered, opened, clicked, conversions and revenue, from `GET /scenarios/{id}/stats` with the
// keys `npm run up` saved in .parcours/demo-workspace.json.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const { values } = parseArgs({ options: { api: { type: 'string', default: 'http://127.0.0.1:4000' } } });
const demo = JSON.parse(fs.readFileSync(path.join(root, '.parcours/demo-workspace.json'), 'utf8'));

async function get(workspace, route) {
  const response = await fetch(new URL(route, values.api), {
    headers: { authorization: `Bearer ${workspace.adminKey}` },
  });
  if (!response.ok) throw new Error(`GET ${route}: ${response.status} ${await response.text()}`);
  return response.json();
}

const percent = (part, whole) => (whole > 0 ? `${Math.round((100 * part) / whole)} %` : '–');
console.log('| scenario | entered | sent | delivered | opened | clicked | conversions | revenue |');
console.log('| --- | --: | --: | --: | --: | --: | --: | --: |');
for (const brand of ['miaoum', 'zoro']) {
  const workspace = demo[brand];
  for (const scenario of await get(workspace, '/scenarios')) {
    if (scenario.status !== 'live') continue;
    const stats = await get(workspace, `/scenarios/${scenario.id}/stats`);
    const total = { sent: 0, delivered: 0, opened: 0, clicked: 0, conversions: 0, revenue: 0 };
    for (const node of Object.values(stats.nodes)) {
      for (const key of ['sent', 'delivered', 'opened', 'clicked']) total[key] += node.messages[key];
      total.conversions += node.conversions;
      total.revenue += node.revenue;
    }
    console.log(
      `| ${scenario.name} | ${stats.journeys.entered} | ${total.sent} | ${total.delivered} | ` +
        `${total.opened} (${percent(total.opened, total.sent)}) | ${total.clicked} (${percent(total.clicked, total.sent)}) | ` +
        `${total.conversions} | ${total.revenue.toFixed(2)} € |`,
    );
  }
}
