// Runs a node's `execute` the way the engine would, attempts and error port included, over a fake
// context: a node author's unit tests need no Temporal server.
import type { z } from 'zod';
import { NODE_FAILED_EXIT_REASON } from '../journey/definition';
import type { NodeDefinition } from './define-node';
import {
  createFakeExecutionContext,
  type FakeExecutionContext,
  type FakeExecutionContextOptions,
} from './fake-execution-context';
import { isPermanentNodeError } from './node-execution';

export interface NodeStepRunOptions<
  Config extends Record<string, unknown>,
> extends FakeExecutionContextOptions {
  /** As a scenario would hold it (defaults applied); the node's `defaultConfig` when absent. */
  config?: Partial<Config>;
  /** Attempts before giving up: the node's `retry.maxAttempts`, else 10 (the engine never gives up). */
  maxAttempts?: number;
}

export interface NodeStepRun {
  /** The port the journey follows next (the node's error port after a failure), if any. */
  port?: string;
  /** What the journey's path records, e.g. `added` or `failed:The loyalty API refused: 400`. */
  outcome: string;
  /** The journey ends here: the node's `exit`, or `node_failed` (a failure without error port). */
  exit?: string;
  deferUntil?: string;
  attempts: number;
  /** What each failed attempt threw, in order. */
  errors: unknown[];
  /** Requests, sends, profile changes, logs… across every attempt. */
  context: FakeExecutionContext;
}

export async function runNodeStep<Config extends Record<string, unknown>>(
  node: NodeDefinition<Config>,
  options: NodeStepRunOptions<Config> = {},
): Promise<NodeStepRun> {
  if (!node.execute) throw new Error(`Node type ${node.type} has no execute function`);
  const { config: input, maxAttempts = node.retry?.maxAttempts ?? 10, ...fake } = options;
  const config = (node.configSchema as z.ZodType<Config>).parse(input ?? node.defaultConfig);
  const context = createFakeExecutionContext({ ...fake, step: { type: node.type, ...fake.step } });
  const errors: unknown[] = [];
  for (let attempt = 1; ; attempt++) {
    context.step.attempt = attempt;
    try {
      const result = await node.execute(context, config);
      const run = { outcome: result.outcome, attempts: attempt, errors, context };
      if ('port' in result) return { ...run, port: result.port };
      if ('exit' in result) return { ...run, exit: result.exit };
      return { ...run, deferUntil: result.deferUntil };
    } catch (error) {
      errors.push(error);
      if (!isPermanentNodeError(error) && attempt < maxAttempts) continue;
      const outcome = `failed:${(error as Error).message}`;
      const run = { outcome, attempts: attempt, errors, context };
      return node.errorPort ? { ...run, port: node.errorPort } : { ...run, exit: NODE_FAILED_EXIT_REASON };
    }
  }
}
