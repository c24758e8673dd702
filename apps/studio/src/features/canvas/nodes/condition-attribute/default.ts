import { describeComparison } from '../_base/format';
import type { NodeMeta } from '../_base/types';

export const conditionAttribute: NodeMeta = {
  kind: 'condition',
  ports: ['yes', 'no'],
  summarize: (config, t) => describeComparison(config.path, config.operator, config.value, t),
};
