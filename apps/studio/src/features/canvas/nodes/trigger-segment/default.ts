import { segmentName } from '../_base/format';
import type { NodeMeta } from '../_base/types';

export const triggerSegment: NodeMeta = {
  kind: 'trigger',
  ports: ['out'],
  summarize: (config, t, names) =>
    t(config.when === 'exited' ? 'summary.segmentExited' : 'summary.segmentEntered', {
      segment: segmentName(config.segmentId, names, t),
    }),
};
