/**
 * Tarjan's algorithm, iterative (no recursion-depth limit). Returns the components in reverse
 * topological order; each lists its vertices in discovery order.
 */
export function stronglyConnectedComponents<V>(
  vertices: readonly V[],
  successors: (vertex: V) => readonly V[],
): V[][] {
  const index = new Map<V, number>();
  const lowLink = new Map<V, number>();
  const onStack = new Set<V>();
  const stack: V[] = [];
  const components: V[][] = [];
  let counter = 0;

  for (const root of vertices) {
    if (index.has(root)) continue;
    const work: { vertex: V; next: number }[] = [{ vertex: root, next: 0 }];
    index.set(root, counter);
    lowLink.set(root, counter++);
    stack.push(root);
    onStack.add(root);

    while (work.length > 0) {
      const frame = work[work.length - 1];
      const edges = successors(frame.vertex);
      if (frame.next < edges.length) {
        const child = edges[frame.next++];
        if (!index.has(child)) {
          index.set(child, counter);
          lowLink.set(child, counter++);
          stack.push(child);
          onStack.add(child);
          work.push({ vertex: child, next: 0 });
        } else if (onStack.has(child)) {
          lowLink.set(frame.vertex, Math.min(lowLink.get(frame.vertex)!, index.get(child)!));
        }
        continue;
      }
      work.pop();
      if (work.length > 0) {
        const parent = work[work.length - 1].vertex;
        lowLink.set(parent, Math.min(lowLink.get(parent)!, lowLink.get(frame.vertex)!));
      }
      if (lowLink.get(frame.vertex) === index.get(frame.vertex)) {
        const component: V[] = [];
        let member: V;
        do {
          member = stack.pop()!;
          onStack.delete(member);
          component.push(member);
        } while (member !== frame.vertex);
        components.push(component.reverse());
      }
    }
  }
  return components;
}
