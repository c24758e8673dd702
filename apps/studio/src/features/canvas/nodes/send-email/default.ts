import { asString } from '../_base/format';
import type { NodeMeta } from '../_base/types';

export const sendEmail: NodeMeta = {
  kind: 'action',
  title: 'Send email',
  ports: ['out'],
  summarize: (config) => `Email: ${asString(config.subject, '(no subject)')}`,
};
