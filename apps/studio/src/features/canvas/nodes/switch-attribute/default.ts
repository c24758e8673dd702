import { asString, formatValue } from '../_base/format';
import type { NodeMeta } from '../_base/types';

/** "event's packSize: XL", "computed.appetence: cat, dog". */
export const switchAttribute: NodeMeta = {
  kind: 'condition',
  ports: ['other'],
  summarize: (config, t) =>
    t('summary.switchOn', {
      source: asString(config.source, 'profile'),
      path: asString(config.path, '…'),
      cases: Array.isArray(config.cases)
        ? config.cases.map((c) => formatValue((c as { value?: unknown })?.value)).join(', ')
        : '…',
    }),
};
