// Custom node types come in node packages (npm packages or folders) the deployment names; the
// API and the worker build the same registry from the built-ins and those.
import { isNodeDefinition } from './define-node';
import { type AnyNodeDefinition, builtInNodes, createNodeRegistry, type NodeRegistry } from './registry';

/** What a node package's module exported, by the name it was loaded as. */
export interface LoadedNodePackage {
  name: string;
  exports: unknown;
}

/** First segments of the built-in types, and `parcours`: a custom node type cannot start with them. */
export const RESERVED_NODE_NAMESPACES: ReadonlySet<string> = new Set([
  'parcours',
  ...builtInNodes.map((node) => node.type.split('.')[0]),
]);

/** Why a custom node type id is refused: it must be namespaced, e.g. `acme.loyalty.add-points`. */
export function customNodeTypeProblem(type: string): string | undefined {
  const [namespace, ...rest] = type.split('.');
  if (rest.length === 0) return `'${type}' is not namespaced: name it like 'acme.loyalty.add-points'`;
  if (RESERVED_NODE_NAMESPACES.has(namespace))
    return `'${type}' uses the namespace '${namespace}', reserved for built-in nodes`;
  return undefined;
}

/**
 * The node definitions a package exports: `nodes` (an array of `defineNode` results) or, failing
 * that, its default export (the same). Throws, naming the package, on anything else.
 */
export function nodesOfPackage({ name, exports }: LoadedNodePackage): AnyNodeDefinition[] {
  const module = (exports ?? {}) as { nodes?: unknown; default?: unknown };
  const listed = module.nodes ?? module.default;
  if (!Array.isArray(listed) || listed.length === 0) {
    throw new Error(
      `Node package '${name}' exports no node definitions: export \`nodes\`, an array of defineNode(...) results`,
    );
  }
  return listed.map((node: unknown, index) => {
    if (!isNodeDefinition(node)) {
      throw new Error(`Node package '${name}': nodes[${index}] was not made with defineNode`);
    }
    const problem = customNodeTypeProblem(node.type);
    if (problem) throw new Error(`Node package '${name}': node type ${problem}`);
    return node;
  });
}

/** The built-in nodes and those of the given packages; throws on a bad package or a duplicate. */
export function registryWithPackages(packages: readonly LoadedNodePackage[]): NodeRegistry {
  return createNodeRegistry([...builtInNodes, ...packages.flatMap(nodesOfPackage)]);
}
