import { asString } from '../_base/format';
import type { NodeMeta } from '../_base/types';

export const sendEmail: NodeMeta = {
  kind: 'action',
  ports: ['out'],
  summarize: (config, t) =>
    t('summary.email', { subject: asString(config.subject) || t('summary.noSubject') }),
};
