/** An exit has nothing to configure: its header ("Exit") is the whole node. */
export function ExitNode() {
  return null;
}
