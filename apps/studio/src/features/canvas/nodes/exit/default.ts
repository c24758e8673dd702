import type { NodeMeta } from '../_base/types';

export const exit: NodeMeta = {
  kind: 'exit',
  ports: [],
  summarize: (_config, t) => t('kinds.exit'),
  compact: true,
};
