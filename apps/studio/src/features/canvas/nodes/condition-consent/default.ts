import { asString } from '../_base/format';
import type { NodeMeta } from '../_base/types';

export const conditionConsent: NodeMeta = {
  kind: 'condition',
  ports: ['yes', 'no'],
  summarize: (config, t) => t('summary.contactable', { channel: asString(config.channel, '…') }),
};
