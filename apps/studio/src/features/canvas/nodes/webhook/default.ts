import { asString, shortUrl } from '../_base/format';
import type { NodeMeta } from '../_base/types';

/** "POST crm.example.com/api/tasks". */
export const webhook: NodeMeta = {
  kind: 'action',
  ports: ['ok', 'failed'],
  summarize: (config) => `${asString(config.method, 'POST')} ${shortUrl(config.url)}`,
};
