import { asString } from '../_base/format';
import type { NodeMeta } from '../_base/types';
import { describeFilters } from '../trigger-event/default';

/** "14 days after the last order.completed", then "at 10:00 · where product equals kibble". */
export const triggerDate: NodeMeta = {
  kind: 'trigger',
  ports: ['out'],
  summarize: (config, t) => {
    const date = (config.date ?? {}) as Record<string, unknown>;
    const offset = (config.offset ?? {}) as Record<string, unknown>;
    const when = {
      days: typeof offset.days === 'number' ? offset.days : 0,
      direction: asString(offset.direction, 'after'),
    };
    return date.kind === 'event'
      ? t('summary.dateEvent', { ...when, event: asString(date.event, '…') })
      : t('summary.dateTrait', {
          ...when,
          trait: asString(date.trait, '…'),
          every: asString(date.every, 'year'),
        });
  },
  detail: (config, t) => {
    const date = (config.date ?? {}) as Record<string, unknown>;
    return [t('summary.atTime', { time: asString(config.at, '09:00') }), describeFilters(date.where, t)]
      .filter(Boolean)
      .join(' · ');
  },
};
