import { useTranslations } from 'next-intl';
import type { ScenarioStatus } from './types';
import styles from './scenarios.module.css';

export function StatusBadge({ status }: { status: ScenarioStatus }) {
  const t = useTranslations('status');
  return (
    <span className={styles.badge} data-status={status}>
      <span className={styles.dot} aria-hidden="true" />
      {t.has(status) ? t(status) : status}
    </span>
  );
}
