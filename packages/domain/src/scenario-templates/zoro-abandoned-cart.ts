import { defineScenarioTemplate, edge } from './scenario-template';

const ORDER = 'order.completed';

/**
 * Seed 002, scenario 3: every evening, the recognised visitors who left a cart that day (and have
 * not ordered since) get free delivery and reassurance by email; ordering ends the journey at once.
 */
export const zoroAbandonedCartTemplate = defineScenarioTemplate({
  id: 'zoro-abandoned-cart',
  brand: 'Zoro',
  name: 'Zoro abandoned cart',
  description:
    'Every evening at 19:00, recognised visitors who abandoned a cart that day and can be emailed get free ' +
    'delivery and reassurance; an order within three days ends the journey and counts as its conversion.',
  source: 'Seed 002, scenario 3',
  computedTraits: [],
  segments: {
    abandoned: {
      name: 'Zoro carts abandoned today',
      description:
        'Recognised visitors (known email, can be emailed) who abandoned a cart in the last 24 hours and have not ordered since.',
      rule: {
        type: 'and',
        rules: [
          {
            type: 'event',
            event: 'cart.abandoned',
            within: { amount: 24, unit: 'hours' },
            operator: 'gte',
            value: 1,
          },
          {
            type: 'event',
            event: ORDER,
            within: { amount: 24, unit: 'hours' },
            operator: 'equals',
            value: 0,
          },
          { type: 'contactable', channel: 'email' },
        ],
      },
    },
  },
  graph: (segments) => ({
    nodes: [
      {
        id: 'every-evening',
        type: 'trigger.schedule',
        label: 'Every day at 19:00',
        position: { x: 250, y: 0 },
        config: {
          segmentId: segments.abandoned,
          schedule: { kind: 'recurring', cron: '0 19 * * *', timezone: 'Europe/Paris' },
          ratePerMinute: 1_000,
        },
      },
      {
        id: 'cart-email',
        type: 'send.email',
        label: 'Your cart is waiting',
        position: { x: 250, y: 160 },
        config: {
          subject:
            '{{ profile.firstName | default: "Bonjour" }}, votre panier vous attend (livraison offerte)',
          preheader: 'Livraison offerte et retours gratuits pendant 30 jours',
          html: `<p>Bonjour {{ profile.firstName | default: "" }},</p><p>Vous avez laissé des articles dans votre panier. Bonne nouvelle : <strong>la livraison est offerte</strong> jusqu'à demain soir.</p><p>Une taille qui ne va pas ? Les retours sont gratuits pendant 30 jours, et notre service client vous répond 7 j/7.</p><p><a href="https://zoro.example/panier">Retrouver mon panier</a></p><p><a href="{{ unsubscribe_url }}">Se désinscrire</a></p>`,
        },
      },
      {
        id: 'ordered',
        type: 'goal',
        label: 'Ordered within 3 days',
        position: { x: 250, y: 320 },
        config: {
          event: ORDER,
          revenueProperty: 'total',
          within: { amount: 3, unit: 'days' },
          endJourney: true,
        },
      },
      { id: 'done', type: 'exit', label: 'Exit', position: { x: 250, y: 480 }, config: {} },
    ],
    edges: [
      edge('every-evening', 'out', 'cart-email'),
      edge('cart-email', 'out', 'ordered'),
      edge('ordered', 'not_converted', 'done'),
    ],
    // No exit criterion on orders: it would add nothing. The goal ends the journey on an order
    // (counting it), from entry on, and the segment leaves out whoever ordered since the cart.
    settings: { entry: { reentry: { policy: 'always' } }, exitCriteria: [] },
  }),
});
