import { asString, segmentName } from '../_base/format';
import type { NodeMeta } from '../_base/types';

/** "Everyone in Zoro carts abandoned today", then "cron 0 19 * * *, Europe/Paris" or the date. */
export const triggerSchedule: NodeMeta = {
  kind: 'trigger',
  ports: ['out'],
  summarize: (config, t, names) =>
    t('summary.everyoneIn', { segment: segmentName(config.segmentId, names, t) }),
  detail: (config, t) => {
    const schedule = (config.schedule ?? {}) as Record<string, unknown>;
    return schedule.kind === 'once'
      ? t('summary.scheduleOnce', { at: asString(schedule.at, '…') })
      : t('summary.scheduleCron', {
          cron: asString(schedule.cron, '…'),
          timezone: asString(schedule.timezone, 'UTC'),
        });
  },
};
