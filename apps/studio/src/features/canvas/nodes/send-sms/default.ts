import { asString } from '../_base/format';
import type { NodeMeta } from '../_base/types';

export const sendSms: NodeMeta = {
  kind: 'action',
  ports: ['out'],
  summarize: (config, t) => {
    const body = asString(config.body);
    return body ? t('summary.sms', { body }) : t(config.template ? 'summary.smsTemplate' : 'summary.noText');
  },
};
