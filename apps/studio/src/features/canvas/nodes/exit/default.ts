import type { NodeMeta } from '../_base/types';

export const exit: NodeMeta = {
  kind: 'exit',
  title: 'Exit',
  ports: [],
  summarize: () => 'Exit',
  compact: true,
};
