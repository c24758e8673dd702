import { type JourneyDefinition, type JourneyStep, NODE_FAILED_EXIT_REASON } from '../journey/definition';
import { chooseSplitBranch, HOLDOUT_PORT, type SplitBranch } from '../journey/split-bucket';
import type { NodeExecutionContext, NodeExecutionResult } from '../nodes/node-execution';
import type { NodeRegistry } from '../nodes/registry';

export interface SimulatedStep {
  nodeId: string;
  type: string;
  /** What the step would do now, e.g. `yes`, `sent`, `skipped:no_email_consent`, `wait 2 days`. */
  outcome: string;
  port?: string;
}

export interface Simulation {
  path: SimulatedStep[];
  /** `completed` at an exit, `holdout`, an exit reason, or why the simulation stopped early. */
  end: string;
}

/** Longest path a dry run walks (a loop is followed this far, then reported). */
export const MAX_SIMULATED_STEPS = 200;

/**
 * Walks a version for one customer without waiting or sending: conditions read the profile as it
 * is now, waits are passed (a wait for an event takes its timeout path), actions run against a
 * context that records instead of acting. The caller supplies that context per step.
 */
export async function simulateJourney(
  definition: JourneyDefinition,
  registry: NodeRegistry,
  profileId: string,
  contextFor: (step: JourneyStep, iteration: number) => NodeExecutionContext,
): Promise<Simulation> {
  const path: SimulatedStep[] = [];
  const visits: Record<string, number> = {};
  let step: JourneyStep | undefined = definition.steps[definition.entryStepId];
  let variables: Record<string, unknown> = {};
  while (step) {
    if (path.length >= MAX_SIMULATED_STEPS) return { path, end: 'step_limit' };
    const iteration = visits[step.id] ?? 0;
    visits[step.id] = iteration + 1;
    const record = (outcome: string, port?: string) =>
      path.push({ nodeId: step!.id, type: step!.type, outcome, ...(port ? { port } : {}) });
    let port: string;
    switch (step.kind) {
      case 'trigger':
        record('entered', 'out');
        port = 'out';
        break;
      case 'exit':
        record('exited');
        return { path, end: 'completed' };
      case 'wait': {
        // What happens when nothing more happens: the timeout or no-conversion branch.
        const ports = Object.keys(step.next);
        port = ['timeout', 'not_converted', 'out'].find((p) => ports.includes(p)) ?? ports[0];
        record(`wait (${describeWait(step)})`, port);
        break;
      }
      case 'split': {
        const config = step.config as unknown as { branches: SplitBranch[]; holdoutPercent: number };
        port = chooseSplitBranch(
          [{ port: HOLDOUT_PORT, percent: config.holdoutPercent }, ...config.branches],
          profileId,
          step.id,
        );
        record(port, port);
        if (port === HOLDOUT_PORT) return { path, end: 'holdout' };
        break;
      }
      case 'condition':
      case 'action': {
        const node = registry.get(step.type, step.typeVersion);
        if (!node?.execute) return { path, end: `unknown_node_type:${step.type}` };
        const base = contextFor(step, iteration);
        let result: NodeExecutionResult;
        try {
          result = await node.execute({ ...base, variables }, step.config);
        } catch (error) {
          // The engine would retry, then follow the node's error port or end the journey.
          const errorPort = step.execution?.errorPort;
          record(`failed:${(error as Error).message}`, errorPort);
          if (!errorPort) return { path, end: NODE_FAILED_EXIT_REASON };
          port = errorPort;
          break;
        }
        if ('exit' in result) {
          record(result.outcome);
          return { path, end: result.exit };
        }
        if ('deferUntil' in result) {
          record(result.outcome);
          return { path, end: 'deferred' };
        }
        record(result.outcome, result.port);
        variables = { ...variables, ...result.variables };
        port = result.port;
        break;
      }
      default:
        return { path, end: `unknown_step_kind:${String(step.kind)}` };
    }
    const nextId: string | undefined = step.next[port];
    step = nextId === undefined ? undefined : definition.steps[nextId];
  }
  return { path, end: 'no_next_step' };
}

function describeWait(step: JourneyStep): string {
  const config = step.config as Record<string, unknown>;
  if (step.type === 'wait.duration') return `${String(config.amount)} ${String(config.unit)}`;
  if (typeof config.event === 'string') return `for ${config.event}, assumed not to come`;
  return step.type;
}
