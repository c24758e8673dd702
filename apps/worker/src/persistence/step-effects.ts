import { type Pool } from 'pg';

export interface StepKey {
  journeyId: string;
  nodeId: string;
  iteration: number;
}

/**
 * Results of steps that act outside (a webhook call), one per journey + node + iteration: a step
 * retried after it acted finds its result here instead of acting again.
 */
export class StepEffects {
  constructor(private readonly pool: Pool) {}

  async recall(step: StepKey): Promise<{ value: unknown } | undefined> {
    const { rows } = await this.pool.query(
      `SELECT result FROM step_effects WHERE journey_id = $1 AND node_id = $2 AND iteration = $3`,
      [step.journeyId, step.nodeId, step.iteration],
    );
    if (!rows[0]) return undefined;
    const result = rows[0].result as Record<string, unknown>;
    if (!('effect' in result))
      throw new Error(`Step ${step.nodeId} already recorded a different kind of effect`);
    return { value: result.effect };
  }

  /** Records the result, unless a concurrent attempt of the step recorded first: then returns that one. */
  async record(step: StepKey, value: unknown): Promise<unknown> {
    // As a retry will read it back: JSON (dates as strings, undefined fields dropped).
    const effect: unknown = JSON.parse(JSON.stringify(value ?? null));
    const inserted = await this.pool.query(
      `INSERT INTO step_effects (journey_id, node_id, iteration, result) VALUES ($1, $2, $3, $4)
       ON CONFLICT DO NOTHING`,
      [step.journeyId, step.nodeId, step.iteration, JSON.stringify({ effect })],
    );
    if (inserted.rowCount === 1) return effect;
    return (await this.recall(step))?.value;
  }
}
