import type { NodeBodyProps } from '../_base/types';
import { NodeSummary } from '../_base/node-summary';

export function ConditionAttributeNode({ summary }: NodeBodyProps) {
  return <NodeSummary text={summary} />;
}
