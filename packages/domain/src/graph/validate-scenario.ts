import type { z } from 'zod';
import { defaultNodeRegistry, type AnyNodeDefinition, type NodeRegistry } from '../nodes/registry';
import {
  MAX_EDGES,
  MAX_NODES,
  scenarioEdgeSchema,
  scenarioGraphSchema,
  scenarioIdSchema,
  scenarioNodeSchema,
  type ScenarioEdge,
  type ScenarioNode,
} from './scenario-graph';
import { stronglyConnectedComponents } from './strongly-connected-components';
import type { ValidationIssue } from './validation-issue';

type Path = (string | number)[];

interface Located<T> {
  value: T;
  index: number;
}

interface Draft {
  nodes: Located<ScenarioNode>[];
  edges: Located<ScenarioEdge>[];
  /** False when some nodes or edges could not be read: graph-wide checks would then mislead. */
  complete: boolean;
}

interface NodeInfo {
  node: ScenarioNode;
  index: number;
  definition?: AnyNodeDefinition;
  /** Output ports, when the type is known and the config valid. */
  ports?: string[];
}

/**
 * Every problem of a scenario draft, at once: structure, ids, node types and configs, edges,
 * the single trigger, port wiring, reachability, exits and loops. `[]` means it can be published.
 * Never throws, whatever the input.
 */
export function validateScenario(
  input: unknown,
  registry: NodeRegistry = defaultNodeRegistry,
): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  try {
    const draft = readDraft(input, issues);
    if (!draft) return issues;
    const nodes = checkNodes(draft.nodes, registry, issues);
    const edges = checkEdges(draft.edges, nodes, draft.complete, issues);
    if (draft.complete) checkTopology(nodes, edges, issues);
  } catch (error) {
    // Only a faulty custom node definition could get here; report rather than throw.
    issues.push({
      path: [],
      code: 'invalid_structure',
      message: `The scenario could not be checked: ${errorText(error)}`,
    });
  }
  return issues;
}

// ---------------------------------------------------------------------------------------------
// Structure

function readDraft(input: unknown, issues: ValidationIssue[]): Draft | undefined {
  if (!isRecord(input)) {
    issues.push(structure([], 'A scenario graph must be an object with `nodes` and `edges` lists'));
    return undefined;
  }
  const limits = { nodes: MAX_NODES, edges: MAX_EDGES };
  for (const key of ['nodes', 'edges'] as const) {
    const list = input[key];
    if (Array.isArray(list) && list.length > limits[key]) {
      issues.push(
        structure([key], `A scenario has at most ${limits[key]} ${key}; this one has ${list.length}`),
      );
    }
  }
  if (issues.length > 0) return undefined; // do not spend time on oversized input

  const parsed = scenarioGraphSchema.safeParse(input);
  if (parsed.success) {
    return { nodes: parsed.data.nodes.map(locate), edges: parsed.data.edges.map(locate), complete: true };
  }
  for (const issue of parsed.error.issues) issues.push(structuralIssue(issue, input));
  const { nodes, edges } = input;
  if (!Array.isArray(nodes) || !Array.isArray(edges)) return undefined;
  // Keep what can be read, so per-node problems are reported alongside the structural ones.
  return {
    nodes: salvage(nodes, scenarioNodeSchema),
    edges: salvage(edges, scenarioEdgeSchema),
    complete: false,
  };
}

function salvage<T>(items: unknown[], schema: z.ZodType<T>): Located<T>[] {
  return items.flatMap((item, index) => {
    const parsed = schema.safeParse(item);
    return parsed.success ? [{ value: parsed.data, index }] : [];
  });
}

function structuralIssue(issue: z.core.$ZodIssue, input: Record<string, unknown>): ValidationIssue {
  const path = toPath(issue.path);
  const result: ValidationIssue = {
    path,
    code: 'invalid_structure',
    message: path.length > 0 ? `${formatPath(path)}: ${issue.message}` : issue.message,
  };
  const [list, index] = path;
  if ((list === 'nodes' || list === 'edges') && typeof index === 'number') {
    const item = (input[list] as unknown[])[index];
    const id = isRecord(item) ? item.id : undefined;
    if (scenarioIdSchema.safeParse(id).success) result[list === 'nodes' ? 'nodeId' : 'edgeId'] = id as string;
  }
  return result;
}

// ---------------------------------------------------------------------------------------------
// Nodes and their configs

function checkNodes(
  nodes: Located<ScenarioNode>[],
  registry: NodeRegistry,
  issues: ValidationIssue[],
): Map<string, NodeInfo> {
  const byId = new Map<string, NodeInfo>();
  for (const { value: node, index } of nodes) {
    const info = inspectNode(node, index, registry, issues);
    if (byId.has(node.id)) {
      issues.push({
        nodeId: node.id,
        path: ['nodes', index, 'id'],
        code: 'duplicate_node_id',
        message: `Node id '${node.id}' is used by more than one node`,
      });
    } else {
      byId.set(node.id, info);
    }
  }
  return byId;
}

function inspectNode(
  node: ScenarioNode,
  index: number,
  registry: NodeRegistry,
  issues: ValidationIssue[],
): NodeInfo {
  const definition = registry.get(node.type, node.typeVersion);
  if (!definition) {
    const versions = registry.versions(node.type);
    issues.push(
      versions.length === 0
        ? {
            nodeId: node.id,
            path: ['nodes', index, 'type'],
            code: 'unknown_node_type',
            message: `Node '${node.id}' has an unknown type '${node.type}': no node package of this deployment provides it`,
          }
        : {
            nodeId: node.id,
            path: ['nodes', index, 'typeVersion'],
            code: 'unknown_node_version',
            message: `Node '${node.id}' uses version ${node.typeVersion} of '${node.type}'; this deployment has version(s) ${versions.join(', ')}`,
          },
    );
    return { node, index };
  }
  const configIssue = (path: Path, message: string): ValidationIssue => ({
    nodeId: node.id,
    path: ['nodes', index, 'config', ...path],
    code: 'invalid_config',
    message: `Node '${node.id}': ${message}`,
  });
  const parsed = definition.configSchema.safeParse(node.config);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const path = toPath(issue.path);
      issues.push(
        configIssue(path, path.length > 0 ? `${formatPath(path)}: ${issue.message}` : issue.message),
      );
    }
    return { node, index, definition };
  }
  try {
    for (const extra of definition.validate?.(parsed.data) ?? [])
      issues.push(configIssue(extra.path, extra.message));
    return { node, index, definition, ports: [...new Set(definition.ports(parsed.data))] };
  } catch (error) {
    issues.push(configIssue([], `its config could not be checked: ${errorText(error)}`));
    return { node, index, definition };
  }
}

// ---------------------------------------------------------------------------------------------
// Edges

function checkEdges(
  edges: Located<ScenarioEdge>[],
  nodes: Map<string, NodeInfo>,
  complete: boolean,
  issues: ValidationIssue[],
): ScenarioEdge[] {
  const seen = new Set<string>();
  const usable: ScenarioEdge[] = [];
  for (const { value: edge, index } of edges) {
    const at = (field: keyof ScenarioEdge): Path => ['edges', index, field];
    if (seen.has(edge.id)) {
      issues.push({
        edgeId: edge.id,
        path: at('id'),
        code: 'duplicate_edge_id',
        message: `Edge id '${edge.id}' is used by more than one edge`,
      });
    }
    seen.add(edge.id);
    if (!complete) continue; // an endpoint may be one of the nodes that could not be read

    const source = nodes.get(edge.source);
    const target = nodes.get(edge.target);
    if (!source) {
      issues.push({
        edgeId: edge.id,
        path: at('source'),
        code: 'dangling_edge',
        message: `Edge '${edge.id}' starts from node '${edge.source}', which does not exist`,
      });
    }
    if (!target) {
      issues.push({
        edgeId: edge.id,
        path: at('target'),
        code: 'dangling_edge',
        message: `Edge '${edge.id}' leads to node '${edge.target}', which does not exist`,
      });
    }
    if (source?.ports && !source.ports.includes(edge.sourcePort)) {
      const has =
        source.ports.length > 0 ? `its ports are ${source.ports.join(', ')}` : 'it has no output port';
      issues.push({
        nodeId: source.node.id,
        edgeId: edge.id,
        path: at('sourcePort'),
        code: 'unknown_port',
        message: `Edge '${edge.id}' leaves node '${source.node.id}' from port '${edge.sourcePort}', but ${has}`,
      });
    }
    if (target?.definition?.kind === 'trigger') {
      issues.push({
        nodeId: target.node.id,
        edgeId: edge.id,
        path: at('target'),
        code: 'edge_into_trigger',
        message: `Edge '${edge.id}' leads into trigger '${target.node.id}'; nothing can lead into a trigger`,
      });
    }
    if (source && target) usable.push(edge);
  }
  return usable;
}

// ---------------------------------------------------------------------------------------------
// Graph-wide: trigger, wiring, reachability, exits, loops

function checkTopology(nodes: Map<string, NodeInfo>, edges: ScenarioEdge[], issues: ValidationIssue[]): void {
  const all = [...nodes.values()];
  const ofKind = (kind: string): NodeInfo[] => all.filter((info) => info.definition?.kind === kind);
  const nodeIssue = (info: NodeInfo, code: ValidationIssue['code'], message: string): ValidationIssue => ({
    nodeId: info.node.id,
    path: ['nodes', info.index],
    code,
    message,
  });

  const triggers = ofKind('trigger');
  if (triggers.length === 0) {
    issues.push({
      path: ['nodes'],
      code: 'trigger_count',
      message: 'The scenario needs a trigger to start it',
    });
  } else if (triggers.length > 1) {
    const ids = triggers.map((info) => `'${info.node.id}'`).join(', ');
    for (const info of triggers) {
      issues.push(
        nodeIssue(info, 'trigger_count', `A scenario has exactly one trigger; this one has ${ids}`),
      );
    }
  }

  const byPort = new Map<string, ScenarioEdge[]>();
  for (const edge of edges) {
    const key = `${edge.source}\u0000${edge.sourcePort}`;
    byPort.set(key, [...(byPort.get(key) ?? []), edge]);
  }
  for (const info of all) {
    for (const port of info.ports ?? []) {
      const connected = byPort.get(`${info.node.id}\u0000${port}`) ?? [];
      if (connected.length === 0) {
        issues.push(
          nodeIssue(info, 'port_unconnected', `Port '${port}' of node '${info.node.id}' is not connected`),
        );
      } else if (connected.length > 1) {
        const ids = connected.map((edge) => `'${edge.id}'`).join(', ');
        const message = `Port '${port}' of node '${info.node.id}' is connected ${connected.length} times (edges ${ids}); connect it to exactly one node`;
        issues.push(nodeIssue(info, 'port_multiply_connected', message));
      }
    }
  }

  const successors = new Map<string, string[]>(all.map((info) => [info.node.id, []]));
  const predecessors = new Map<string, string[]>(all.map((info) => [info.node.id, []]));
  for (const edge of edges) {
    successors.get(edge.source)!.push(edge.target);
    predecessors.get(edge.target)!.push(edge.source);
  }

  if (triggers.length > 0) {
    const reached = reach(
      triggers.map((info) => info.node.id),
      successors,
    );
    for (const info of all) {
      if (!reached.has(info.node.id)) {
        issues.push(
          nodeIssue(info, 'unreachable_node', `Node '${info.node.id}' cannot be reached from the trigger`),
        );
      }
    }
  }

  const exits = ofKind('exit');
  if (exits.length === 0) {
    issues.push({
      path: ['nodes'],
      code: 'no_exit_path',
      message: 'The scenario needs an exit node to end it',
    });
  } else {
    const leadsToExit = reach(
      exits.map((info) => info.node.id),
      predecessors,
    );
    for (const info of all) {
      if (!leadsToExit.has(info.node.id)) {
        issues.push(nodeIssue(info, 'no_exit_path', `No exit can be reached from node '${info.node.id}'`));
      }
    }
  }

  // A loop without a wait would spin forever: look for cycles among the nodes that are not waits
  // (a wait that may let a customer through at once does not count).
  const isWait = (id: string): boolean => {
    const definition = nodes.get(id)?.definition;
    return definition?.kind === 'wait' && !definition.mayPassWithoutWaiting;
  };
  const vertices = all.map((info) => info.node.id).filter((id) => !isWait(id));
  const components = stronglyConnectedComponents(vertices, (id) =>
    successors.get(id)!.filter((next) => !isWait(next)),
  );
  const order = new Map(all.map((info, position) => [info.node.id, position]));
  for (const component of components) {
    const looping = component.length > 1 || successors.get(component[0])!.includes(component[0]);
    if (!looping) continue;
    component.sort((a, b) => order.get(a)! - order.get(b)!);
    const names = component.map((id) => `'${id}'`).join(', ');
    const message =
      component.length === 1
        ? `Node ${names} loops back to itself without a wait step`
        : `Nodes ${names} form a loop without a wait step`;
    issues.push(nodeIssue(nodes.get(component[0])!, 'cycle_without_wait', message));
  }

  checkReferences(all, nodes, predecessors, issues);
}

/** Nodes a config names (e.g. the send an engagement condition reads) exist, fit, and come before it. */
function checkReferences(
  all: NodeInfo[],
  nodes: Map<string, NodeInfo>,
  predecessors: Map<string, string[]>,
  issues: ValidationIssue[],
): void {
  for (const info of all) {
    if (!info.ports || !info.definition?.references) continue; // config invalid: already reported
    const config = info.definition.configSchema.parse(info.node.config);
    let upstream: Set<string> | undefined;
    for (const reference of info.definition.references(config)) {
      const target = nodes.get(reference.nodeId);
      const problem = !target
        ? 'does not exist'
        : target.definition?.category !== reference.category
          ? `is not a node of the ${reference.category} category`
          : !(upstream ??= reach([info.node.id], predecessors)).has(reference.nodeId) ||
              reference.nodeId === info.node.id
            ? 'does not come before it'
            : undefined;
      if (!problem) continue;
      issues.push({
        nodeId: info.node.id,
        path: ['nodes', info.index, 'config', ...reference.path],
        code: 'invalid_reference',
        message: `Node '${info.node.id}' refers to node '${reference.nodeId}', which ${problem}`,
      });
    }
  }
}

function reach(starts: string[], neighbours: Map<string, string[]>): Set<string> {
  const seen = new Set(starts);
  const queue = [...starts];
  while (queue.length > 0) {
    for (const next of neighbours.get(queue.pop()!) ?? []) {
      if (!seen.has(next)) {
        seen.add(next);
        queue.push(next);
      }
    }
  }
  return seen;
}

// ---------------------------------------------------------------------------------------------
// Helpers

function structure(path: Path, message: string): ValidationIssue {
  return { path, code: 'invalid_structure', message };
}

function locate<T>(value: T, index: number): Located<T> {
  return { value, index };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function toPath(path: readonly PropertyKey[]): Path {
  return path.map((key) => (typeof key === 'number' ? key : String(key)));
}

/** `['filters', 0, 'value']` → `filters[0].value`. */
function formatPath(path: Path): string {
  return path.map((key, i) => (typeof key === 'number' ? `[${key}]` : i === 0 ? key : `.${key}`)).join('');
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
