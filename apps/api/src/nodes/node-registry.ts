/** Injection token of the `NodeRegistry`: the built-in nodes and those of `PARCOURS_NODE_PACKAGES`. */
export const NODE_REGISTRY = Symbol('NODE_REGISTRY');
