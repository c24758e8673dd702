import { asString, describeBoundedDuration } from '../_base/format';
import type { NodeMeta } from '../_base/types';
import { describeFilters } from '../trigger-event/default';

/** "Until order.completed, at most 3 days", then its filters. */
export const waitEvent: NodeMeta = {
  kind: 'wait',
  ports: ['received', 'timeout'],
  summarize: (config, t) =>
    t('summary.waitEvent', {
      event: asString(config.event, '…'),
      duration: describeBoundedDuration(config.timeout, t),
    }),
  detail: (config, t) => describeFilters(config.filters, t),
};
