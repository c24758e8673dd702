import Link from 'next/link';
import { formatDateTime } from '@/lib/format';
import { StatusBadge } from './status-badge';
import type { ScenarioSummary } from './types';
import styles from './scenarios.module.css';

export function ScenarioTable({ scenarios }: { scenarios: ScenarioSummary[] }) {
  return (
    <div className={styles.card}>
      <table className={styles.table}>
        <caption className="visually-hidden">Scenarios</caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Status</th>
            <th scope="col">Current version</th>
            <th scope="col">Updated</th>
          </tr>
        </thead>
        <tbody>
          {scenarios.map((scenario) => (
            <tr key={scenario.id}>
              <th scope="row" className={styles.name}>
                <Link href={`/scenarios/${encodeURIComponent(scenario.id)}`}>{scenario.name}</Link>
              </th>
              <td>
                <StatusBadge status={scenario.status} />
              </td>
              <td>
                {scenario.currentVersion != null ? (
                  <span className={styles.version}>v{scenario.currentVersion}</span>
                ) : (
                  <span className={styles.muted}>Not published</span>
                )}
              </td>
              <td className={styles.muted}>
                <time dateTime={scenario.updatedAt}>{formatDateTime(scenario.updatedAt)}</time>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
