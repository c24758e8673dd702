import { NodeSummary } from '../_base/node-summary';
import type { NodeBodyProps } from '../_base/types';
import { describeFilters } from './default';

export function TriggerEventNode({ config, summary }: NodeBodyProps) {
  return <NodeSummary text={summary} detail={describeFilters(config.filters)} />;
}
