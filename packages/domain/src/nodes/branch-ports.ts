import type { z } from 'zod';

/**
 * Refuses branch names used twice or equal to the node's reserved port (`holdout`, `other`), on
 * `field[index].port`: each branch becomes an output port, and ports must be distinct.
 */
export function checkBranchPorts(
  branches: readonly { port: string }[],
  field: string,
  reserved: string,
  ctx: z.RefinementCtx,
): void {
  const ports = branches.map((branch) => branch.port);
  ports.forEach((port, index) => {
    if (ports.indexOf(port) !== index || port === reserved) {
      ctx.addIssue({
        code: 'custom',
        path: [field, index, 'port'],
        message: `Branch name '${port}' is ${port === reserved ? 'reserved' : 'used twice'}`,
      });
    }
  });
}
