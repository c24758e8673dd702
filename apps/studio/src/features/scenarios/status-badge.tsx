import type { ScenarioStatus } from './types';
import styles from './scenarios.module.css';

const LABELS: Record<ScenarioStatus, string> = { draft: 'Draft', live: 'Live', archived: 'Archived' };

export function StatusBadge({ status }: { status: ScenarioStatus }) {
  return (
    <span className={styles.badge} data-status={status}>
      <span className={styles.dot} aria-hidden="true" />
      {LABELS[status] ?? status}
    </span>
  );
}
