import { describeDuration } from '../_base/format';
import type { NodeMeta } from '../_base/types';

export const waitDuration: NodeMeta = {
  kind: 'wait',
  title: 'Wait',
  ports: ['out'],
  summarize: (config) => `Wait ${describeDuration(config.amount, config.unit)}`,
};
