import { TOP_REVENUE_PROMOTERS } from '../segments/example-segments';
import { defineScenarioTemplate, edge } from './scenario-template';

const rfm = { key: 'rfm', kind: 'rfm', config: {} } as const;
const nps = { key: 'nps', kind: 'nps', config: {} } as const;

/** Seed 000: the best customers who would recommend us are thanked with a gift, once a year at most. */
export const rewardPromotersTemplate = defineScenarioTemplate({
  id: 'nps-reward-promoters',
  brand: 'Zoro',
  name: 'Reward top promoters',
  description:
    'Customers in the top fifth by spend who answered 9 or 10 to the NPS survey get a thank-you gift by email.',
  source: 'Seed 000, NPS campaigns',
  computedTraits: [rfm, nps],
  segments: {
    promoters: TOP_REVENUE_PROMOTERS,
  },
  graph: (segments) => ({
    nodes: [
      {
        id: 'promoter',
        type: 'trigger.segment',
        label: 'Became a top promoter',
        position: { x: 250, y: 0 },
        config: { segmentId: segments.promoters, when: 'entered' },
      },
      {
        id: 'can-email',
        type: 'condition.consent',
        label: 'Can we email them?',
        position: { x: 250, y: 160 },
        config: { channel: 'email' },
      },
      {
        id: 'thank-you',
        type: 'send.email',
        label: 'Thank you gift',
        position: { x: 100, y: 320 },
        config: {
          subject: 'Merci {{ profile.firstName | default: "" }} : un cadeau pour vous',
          html: '<p>Bonjour {{ profile.firstName | default: "" }},</p><p>Vous faites partie de nos meilleurs clients et vous nous recommandez : merci ! Un bon de 20 € vous attend avec le code MERCI20.</p><p><a href="{{ unsubscribe_url }}">Se désinscrire</a></p>',
        },
      },
      { id: 'done', type: 'exit', label: 'Exit', position: { x: 250, y: 480 }, config: {} },
    ],
    edges: [
      edge('promoter', 'out', 'can-email'),
      edge('can-email', 'yes', 'thank-you'),
      edge('can-email', 'no', 'done'),
      edge('thank-you', 'out', 'done'),
    ],
    settings: { entry: { reentry: { policy: 'after', days: 365 } }, exitCriteria: [] },
  }),
});

/**
 * Seed 000: a detractor with a high basket is worth a call. The call-back task goes to the CRM
 * through the webhook node: set its URL (and headers) to your CRM's before publishing. A failed
 * call ends the journey without the email: no promise of a call nobody was asked to make.
 */
export const callBackDetractorsTemplate = defineScenarioTemplate({
  id: 'nps-call-back-detractors',
  brand: 'Zoro',
  name: 'Call back high-basket detractors',
  description:
    'Customers with a high basket (RFM monetary score 4-5) who answered 0 to 6 get a call-back task in the CRM, ' +
    'and an email saying someone will call.',
  source: 'Seed 000, NPS campaigns',
  computedTraits: [rfm, nps],
  segments: {
    detractors: {
      name: 'High-basket detractors',
      description:
        'Spend a lot (RFM monetary score 4-5) but would not recommend us (NPS 0-6): call them back.',
      rule: {
        type: 'and',
        rules: [
          { type: 'computed', path: 'rfm.m', operator: 'gte', value: 4 },
          { type: 'computed', path: 'nps.category', operator: 'equals', value: 'detractor' },
        ],
      },
    },
  },
  graph: (segments) => ({
    nodes: [
      {
        id: 'detractor',
        type: 'trigger.segment',
        label: 'Became a high-basket detractor',
        position: { x: 250, y: 0 },
        config: { segmentId: segments.detractors, when: 'entered' },
      },
      {
        id: 'call-back-task',
        type: 'webhook',
        label: 'Create a call-back task (CRM)',
        position: { x: 250, y: 160 },
        config: {
          method: 'POST',
          url: 'https://crm.example.com/api/tasks',
          body: {
            type: 'call_back',
            customerId: '{{ profile.userId }}',
            phone: '{{ profile.phone }}',
            reason: 'NPS {{ profile.computed.nps.score }} with a high basket',
          },
        },
      },
      {
        id: 'we-will-call',
        type: 'send.email',
        label: 'Someone will call you',
        position: { x: 100, y: 340 },
        config: {
          category: 'transactional',
          subject: 'Nous allons vous appeler',
          html: '<p>Bonjour {{ profile.firstName | default: "" }},</p><p>Merci pour votre réponse à notre enquête. Nous n\'avons pas été à la hauteur : un conseiller vous appellera dans les 48 heures.</p>',
        },
      },
      { id: 'done', type: 'exit', label: 'Exit', position: { x: 250, y: 500 }, config: {} },
    ],
    edges: [
      edge('detractor', 'out', 'call-back-task'),
      edge('call-back-task', 'ok', 'we-will-call'),
      edge('call-back-task', 'failed', 'done'),
      edge('we-will-call', 'out', 'done'),
    ],
    settings: { entry: { reentry: { policy: 'after', days: 90 } }, exitCriteria: [] },
  }),
});
