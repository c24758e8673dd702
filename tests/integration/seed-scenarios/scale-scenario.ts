import { type ScenarioGraph } from '@parcours/domain';
import { type Duration, durationToMs } from '@parcours/domain/journey';
import { DateTime } from 'luxon';

const DAY_MS = 86_400_000;

export interface ScaleOptions {
  /** How many real seconds a day of the scenario lasts: waits, timeouts and goal windows shrink alike. */
  secondsPerDay: number;
  /** The moment the test publishes: a date trigger fires from it, a schedule shortly after it. */
  now?: Date;
  /** How long after `now` a schedule's single run is due (publishing refuses a past date). */
  scheduleInSeconds?: number;
}

/**
 * The template's scenario on a test's clock, everything else left as imported: a duration of the
 * graph becomes its share of days in seconds (at least one), a date trigger's local time the
 * current one in its timezone (so the sweep enters today's customers now), and a recurring
 * schedule a single run a few seconds ahead.
 */
export function scaleScenario(
  graph: ScenarioGraph,
  { secondsPerDay, now = new Date(), scheduleInSeconds = 3 }: ScaleOptions,
): ScenarioGraph {
  const scaled = (duration: Duration): Duration => ({
    amount: Math.max(1, Math.round((durationToMs(duration) / DAY_MS) * secondsPerDay)),
    unit: 'seconds',
  });
  const nodes = graph.nodes.map((node) => {
    const config = node.config as Record<string, unknown>;
    switch (node.type) {
      case 'wait.duration':
        return { ...node, config: { ...config, ...scaled(config as unknown as Duration) } };
      case 'goal':
        return { ...node, config: { ...config, within: scaled(config.within as Duration) } };
      case 'wait.event':
        return { ...node, config: { ...config, timeout: scaled(config.timeout as Duration) } };
      case 'trigger.date': {
        const zone = (config.fallbackTimezone as string | undefined) ?? 'UTC';
        return {
          ...node,
          config: { ...config, at: DateTime.fromJSDate(now).setZone(zone).toFormat('HH:mm') },
        };
      }
      case 'trigger.schedule': {
        const at = new Date(now.getTime() + scheduleInSeconds * 1_000).toISOString();
        return { ...node, config: { ...config, schedule: { kind: 'once', at } } };
      }
      default:
        return node;
    }
  });
  return { ...graph, nodes };
}
