import { describeDuration } from '../_base/format';
import type { NodeMeta } from '../_base/types';

export const waitDuration: NodeMeta = {
  kind: 'wait',
  ports: ['out'],
  summarize: (config, t) => t('summary.wait', { duration: describeDuration(config.amount, config.unit, t) }),
};
