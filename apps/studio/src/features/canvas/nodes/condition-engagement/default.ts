import { asString } from '../_base/format';
import type { NodeMeta } from '../_base/types';

/** "Opened: welcome-email" (the id of the send step it looks at). */
export const conditionEngagement: NodeMeta = {
  kind: 'condition',
  ports: ['yes', 'no'],
  summarize: (config, t) =>
    t('summary.engagement', {
      engagement: asString(config.engagement, 'opened'),
      message: asString(config.nodeId, '…'),
    }),
};
