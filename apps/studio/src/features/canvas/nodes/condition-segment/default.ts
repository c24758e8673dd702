import { segmentName } from '../_base/format';
import type { NodeMeta } from '../_base/types';

export const conditionSegment: NodeMeta = {
  kind: 'condition',
  ports: ['yes', 'no'],
  summarize: (config, t, names) =>
    t('summary.inSegment', { segment: segmentName(config.segmentId, names, t) }),
};
