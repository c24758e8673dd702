import { type ScenarioGraph } from '@parcours/domain';

/** The acceptance journey, with the wait as a parameter so crash tests can widen it. */
export function countryWelcomeScenario(waitSeconds = 2): ScenarioGraph {
  return {
    nodes: [
      { id: 'start', type: 'trigger.event', config: { event: 'account.created', filters: [] } },
      { id: 'pause', type: 'wait.duration', config: { amount: waitSeconds, unit: 'seconds' } },
      {
        id: 'is-fr',
        type: 'condition.attribute',
        config: { path: 'country', operator: 'equals', value: 'FR' },
      },
      {
        id: 'email-fr',
        type: 'send.email',
        config: { subject: 'Bonjour {{ profile.firstName }}', text: 'Bienvenue {{ profile.firstName }} !' },
      },
      {
        id: 'email-en',
        type: 'send.email',
        config: {
          subject: 'Hello {{ profile.firstName | default: "there" }}',
          text: 'Welcome {{ profile.firstName | default: "there" }}!',
          html: '<p>Welcome <b>{{ profile.firstName }}</b></p>',
        },
      },
      { id: 'done', type: 'exit', config: {} },
    ],
    edges: [
      { id: 'e1', source: 'start', sourcePort: 'out', target: 'pause' },
      { id: 'e2', source: 'pause', sourcePort: 'out', target: 'is-fr' },
      { id: 'e3', source: 'is-fr', sourcePort: 'yes', target: 'email-fr' },
      { id: 'e4', source: 'is-fr', sourcePort: 'no', target: 'email-en' },
      { id: 'e5', source: 'email-fr', sourcePort: 'out', target: 'done' },
      { id: 'e6', source: 'email-en', sourcePort: 'out', target: 'done' },
    ],
  };
}
