import { asString, describeBoundedDuration } from '../_base/format';
import type { NodeMeta } from '../_base/types';

/** "order.completed within 14 days". */
export const goal: NodeMeta = {
  kind: 'wait',
  ports: ['converted', 'not_converted'],
  summarize: (config, t) =>
    t('summary.goal', {
      event: asString(config.event, '…'),
      duration: describeBoundedDuration(config.within, t),
    }),
};
