import { describeComparison } from '../_base/format';
import type { NodeMeta } from '../_base/types';

export const conditionAttribute: NodeMeta = {
  kind: 'condition',
  title: 'Profile attribute',
  ports: ['yes', 'no'],
  summarize: (config) => describeComparison(config.path, config.operator, config.value),
};
