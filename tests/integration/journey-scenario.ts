import { type ScenarioGraphInput, welcomeScenario } from '@parcours/domain';

/** The demo welcome journey (issue's acceptance graph), with its trigger event and wait as parameters. */
export function welcomeJourney({ event = 'account.created', waitSeconds = 2 } = {}): ScenarioGraphInput {
  return {
    ...welcomeScenario,
    nodes: welcomeScenario.nodes.map((node) => {
      if (node.type === 'trigger.event') return { ...node, config: { event, filters: [] } };
      if (node.type === 'wait.duration') return { ...node, config: { amount: waitSeconds, unit: 'seconds' } };
      return node;
    }),
  };
}
