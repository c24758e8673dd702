import { ANIMAL_APPETENCE } from '../segments/example-segments';
import { defineScenarioTemplate, edge } from './scenario-template';

/** The appetence blocks every Mia(ou)m message shares: one paragraph per animal, a neutral one otherwise. */
export const MIAOUM_APPETENCE_BLOCK = `{% case profile.computed.appetence %}{% when "cat" %}<p>Pour votre chat : nos croquettes au saumon, sans céréales.</p>{% when "dog" %}<p>Pour votre chien : nos croquettes au poulet, riches en protéines.</p>{% when "rodent" %}<p>Pour votre rongeur : notre mélange de graines et de foin.</p>{% else %}<p>Chats, chiens, rongeurs : des menus pour chacun.</p>{% endcase %}`;

/**
 * Seed 002, scenario 1: a new subscriber or account gets the welcome offer by email when they can
 * be emailed, by SMS otherwise; three days later, an unopened email is sent again, once.
 */
export const miaoumWelcomeTemplate = defineScenarioTemplate({
  id: 'miaoum-welcome-pack',
  brand: 'Mia(ou)m',
  name: 'Mia(ou)m welcome pack',
  description:
    'New subscribers and accounts get the welcome offer by email (by SMS when they cannot be emailed), ' +
    'with a block for their animal; an email still unopened three days later is sent again.',
  source: 'Seed 002, scenario 1',
  computedTraits: [ANIMAL_APPETENCE],
  segments: {
    newcomers: {
      name: 'Mia(ou)m newcomers',
      description: 'Created an account or subscribed to the newsletter in the last two days.',
      rule: {
        type: 'or',
        rules: [
          {
            type: 'event',
            event: 'account.created',
            within: { amount: 2, unit: 'days' },
            operator: 'gte',
            value: 1,
          },
          {
            type: 'event',
            event: 'newsletter.subscribed',
            within: { amount: 2, unit: 'days' },
            operator: 'gte',
            value: 1,
          },
        ],
      },
    },
  },
  graph: (segments) => ({
    nodes: [
      {
        id: 'newcomer',
        type: 'trigger.segment',
        label: 'Subscribed or created an account',
        position: { x: 300, y: 0 },
        config: { segmentId: segments.newcomers, when: 'entered' },
      },
      {
        id: 'can-email',
        type: 'condition.consent',
        label: 'Can we email them?',
        position: { x: 300, y: 160 },
        config: { channel: 'email' },
      },
      {
        id: 'welcome-email',
        type: 'send.email',
        label: 'Welcome offer (email)',
        position: { x: 0, y: 320 },
        config: {
          subject:
            'Bienvenue chez Mia(ou)m{% if profile.firstName %}, {{ profile.firstName }}{% endif %} : -15 % pour commencer',
          preheader: 'Votre code BIENVENUE15, valable 30 jours',
          html: `<p>Bonjour {{ profile.firstName | default: "et bienvenue" }},</p><p>Merci de nous rejoindre ! Votre code <strong>BIENVENUE15</strong> vous offre 15 % sur votre première commande.</p>${MIAOUM_APPETENCE_BLOCK}<p><a href="https://miaoum.example/boutique">Découvrir la boutique</a></p><p><a href="{{ unsubscribe_url }}">Se désinscrire</a></p>`,
        },
      },
      {
        id: 'welcome-sms',
        type: 'send.sms',
        label: 'Welcome offer (SMS)',
        position: { x: 600, y: 320 },
        config: {
          body: 'Mia(ou)m : bienvenue {{ profile.firstName }} ! -15% sur votre 1re commande avec le code BIENVENUE15. STOP pour ne plus recevoir de SMS',
        },
      },
      {
        id: 'wait-3-days',
        type: 'wait.duration',
        label: 'Wait 3 days',
        position: { x: 0, y: 480 },
        config: { amount: 3, unit: 'days' },
      },
      {
        id: 'opened',
        type: 'condition.engagement',
        label: 'Welcome email opened?',
        position: { x: 0, y: 600 },
        config: { nodeId: 'welcome-email', engagement: 'opened' },
      },
      {
        id: 'reminder-email',
        type: 'send.email',
        label: "It's not too late (email)",
        position: { x: 250, y: 760 },
        config: {
          subject:
            "{{ profile.firstName | default: 'Psst' }}, il n'est pas trop tard pour votre offre de bienvenue",
          html: `<p>Bonjour {{ profile.firstName | default: "" }},</p><p>Il n'est pas trop tard : votre code <strong>BIENVENUE15</strong> vous attend encore.</p>${MIAOUM_APPETENCE_BLOCK}<p><a href="https://miaoum.example/boutique">J'en profite</a></p><p><a href="{{ unsubscribe_url }}">Se désinscrire</a></p>`,
        },
      },
      { id: 'reminded', type: 'exit', label: 'Exit', position: { x: 250, y: 920 }, config: {} },
      { id: 'engaged', type: 'exit', label: 'Exit', position: { x: -100, y: 760 }, config: {} },
      { id: 'texted', type: 'exit', label: 'Exit', position: { x: 600, y: 480 }, config: {} },
    ],
    edges: [
      edge('newcomer', 'out', 'can-email'),
      edge('can-email', 'yes', 'welcome-email'),
      edge('can-email', 'no', 'welcome-sms'),
      edge('welcome-email', 'out', 'wait-3-days'),
      edge('wait-3-days', 'out', 'opened'),
      edge('opened', 'no', 'reminder-email'),
      edge('opened', 'yes', 'engaged'),
      edge('reminder-email', 'out', 'reminded'),
      edge('welcome-sms', 'out', 'texted'),
    ],
    settings: {
      entry: { reentry: { policy: 'never' } },
      exitCriteria: [],
    },
  }),
});
