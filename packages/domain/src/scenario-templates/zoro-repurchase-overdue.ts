import { OVERDUE_QUARTERLY_BUYERS } from '../segments/example-segments';
import { defineScenarioTemplate, edge } from './scenario-template';

/**
 * Seed 002, scenario 4: a customer who buys every three months and is now past that delay gets an
 * email whose blocks follow their promophilie (a code, or the new collection) and their department.
 */
export const zoroRepurchaseOverdueTemplate = defineScenarioTemplate({
  id: 'zoro-repurchase-overdue',
  brand: 'Zoro',
  name: 'Zoro repurchase delay exceeded',
  description:
    'Customers who buy every three months and are now past their usual date get an email: a promo code if ' +
    'they are promophiles, the new collection otherwise, and a block for their favourite department.',
  source: 'Seed 002, scenario 4',
  computedTraits: [
    { key: 'repurchase', kind: 'repurchase', config: {} },
    { key: 'promophilie', kind: 'promophilie', config: {} },
    {
      // Its own key: `appetence` is the animal in the examples (and Mia(ou)m's templates).
      key: 'department',
      kind: 'appetence',
      config: {
        sources: [
          { event: 'order.completed', path: 'department', weight: 3 },
          { event: 'product.viewed', path: 'department', weight: 1 },
        ],
        periodDays: 365,
        categories: ['denim', 'skirts', 'cosy'],
      },
    },
  ],
  segments: {
    overdue: OVERDUE_QUARTERLY_BUYERS,
  },
  graph: (segments) => ({
    nodes: [
      {
        id: 'overdue',
        type: 'trigger.segment',
        label: 'Past their repurchase date',
        position: { x: 250, y: 0 },
        config: { segmentId: segments.overdue, when: 'entered' },
      },
      {
        id: 'can-email',
        type: 'condition.consent',
        label: 'Can we email them?',
        position: { x: 250, y: 160 },
        config: { channel: 'email' },
      },
      {
        id: 'comeback-email',
        type: 'send.email',
        label: 'We miss you',
        position: { x: 100, y: 320 },
        config: {
          subject: '{{ profile.firstName | default: "Bonjour" }}, la nouvelle collection est arrivée',
          html: `<p>Bonjour {{ profile.firstName | default: "" }},</p>{% if profile.computed.promophilie.decile >= 8 %}<p>Rien que pour vous : <strong>-20 % avec le code RETOUR20</strong>, jusqu'à dimanche.</p>{% else %}<p>Découvrez en avant-première les nouveautés de la saison.</p>{% endif %}{% case profile.computed.department %}{% when "denim" %}<p>Denim : nos nouvelles coupes droites et mom.</p>{% when "skirts" %}<p>Jupes : plissées, portefeuille, midi, toutes les longueurs.</p>{% when "cosy" %}<p>Cosy : mailles douces et sweats pour l'hiver.</p>{% else %}<p>Denim, jupes, mailles : tout est nouveau.</p>{% endcase %}<p><a href="https://zoro.example/nouveautes">Voir la collection</a></p><p><a href="{{ unsubscribe_url }}">Se désinscrire</a></p>`,
        },
      },
      {
        id: 'ordered',
        type: 'goal',
        label: 'Ordered within 14 days',
        position: { x: 100, y: 480 },
        config: {
          event: 'order.completed',
          revenueProperty: 'total',
          within: { amount: 14, unit: 'days' },
          endJourney: true,
        },
      },
      { id: 'done', type: 'exit', label: 'Exit', position: { x: 250, y: 640 }, config: {} },
    ],
    edges: [
      edge('overdue', 'out', 'can-email'),
      edge('can-email', 'yes', 'comeback-email'),
      edge('can-email', 'no', 'done'),
      edge('comeback-email', 'out', 'ordered'),
      edge('ordered', 'not_converted', 'done'),
    ],
    settings: { entry: { reentry: { policy: 'after', days: 60 } }, exitCriteria: [] },
  }),
});
