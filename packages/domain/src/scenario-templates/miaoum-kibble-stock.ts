import { ANIMAL_APPETENCE } from '../segments/example-segments';
import { MIAOUM_APPETENCE_BLOCK } from './miaoum-welcome';
import { defineScenarioTemplate, edge } from './scenario-template';

const KIBBLE_ORDER = [{ path: 'product', operator: 'equals' as const, value: 'kibble' }];

/**
 * Seed 002, scenario 2: two weeks after a kibble order, "your stock is nearly empty", by email only;
 * an XL pack lasts a week longer. The order that triggered it (pack size, animal) shapes the content.
 */
export const miaoumKibbleStockTemplate = defineScenarioTemplate({
  id: 'miaoum-kibble-stock-alert',
  brand: 'Mia(ou)m',
  name: 'Mia(ou)m kibble stock alert',
  description:
    'Two weeks after their last kibble order (three for an XL pack), email-contactable customers are told ' +
    'their stock is nearly empty, with a reorder block for their pack size; reordering ends it.',
  source: 'Seed 002, scenario 2',
  computedTraits: [ANIMAL_APPETENCE],
  segments: {},
  graph: () => ({
    nodes: [
      {
        id: 'kibble-ordered',
        type: 'trigger.date',
        label: '14 days after the last kibble order',
        position: { x: 300, y: 0 },
        config: {
          date: { kind: 'event', event: 'order.completed', where: KIBBLE_ORDER },
          offset: { days: 14, direction: 'after' },
          at: '10:00',
          fallbackTimezone: 'Europe/Paris',
        },
      },
      {
        id: 'can-email',
        type: 'condition.consent',
        label: 'Can we email them?',
        position: { x: 300, y: 160 },
        config: { channel: 'email' },
      },
      {
        id: 'pack-size',
        type: 'switch.attribute',
        label: 'Pack size of the order',
        position: { x: 150, y: 320 },
        config: { source: 'trigger', path: 'packSize', cases: [{ value: 'XL', port: 'xl' }] },
      },
      {
        id: 'xl-lasts-longer',
        type: 'wait.duration',
        label: 'XL: one more week',
        position: { x: 0, y: 480 },
        config: { amount: 7, unit: 'days' },
      },
      {
        id: 'stock-email',
        type: 'send.email',
        label: 'Stock nearly empty',
        position: { x: 150, y: 640 },
        config: {
          subject: 'Votre stock de croquettes touche à sa fin',
          preheader: 'Recommandez votre sac {{ event.packSize }} en un clic',
          html: `<p>Bonjour {{ profile.firstName | default: "" }},</p>{% case event.packSize %}{% when "S" %}<p>Votre sac S de 2 kg doit être presque vide.</p>{% when "M" %}<p>Votre sac M de 5 kg doit être presque vide.</p>{% when "L" %}<p>Votre sac L de 10 kg doit être presque vide.</p>{% when "XL" %}<p>Même un sac XL de 15 kg a une fin : le vôtre est presque vide.</p>{% else %}<p>Votre sac de croquettes doit être presque vide.</p>{% endcase %}<p><a href="https://miaoum.example/recommander?pack={{ event.packSize }}">Recommander le même sac{% if event.packSize %} ({{ event.packSize }}){% endif %}</a></p>${MIAOUM_APPETENCE_BLOCK}<p><a href="{{ unsubscribe_url }}">Se désinscrire</a></p>`,
        },
      },
      { id: 'done', type: 'exit', label: 'Exit', position: { x: 300, y: 800 }, config: {} },
    ],
    edges: [
      edge('kibble-ordered', 'out', 'can-email'),
      edge('can-email', 'yes', 'pack-size'),
      edge('can-email', 'no', 'done'),
      edge('pack-size', 'xl', 'xl-lasts-longer'),
      edge('pack-size', 'other', 'stock-email'),
      edge('xl-lasts-longer', 'out', 'stock-email'),
      edge('stock-email', 'out', 'done'),
    ],
    settings: {
      entry: { reentry: { policy: 'always' } },
      // Reordering kibble (during the XL week, say) makes the alert pointless.
      exitCriteria: [{ kind: 'event', event: 'order.completed', filters: KIBBLE_ORDER }],
    },
  }),
});
