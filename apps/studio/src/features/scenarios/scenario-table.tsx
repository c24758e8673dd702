import Link from 'next/link';
import { useFormatter, useTranslations } from 'next-intl';
import { ScenarioRowActions } from './scenario-row-actions';
import { StatusBadge } from './status-badge';
import type { ScenarioSummary } from './types';
import styles from './scenarios.module.css';

export function ScenarioTable({ scenarios, editable }: { scenarios: ScenarioSummary[]; editable: boolean }) {
  const t = useTranslations('scenarios.table');
  const format = useFormatter();
  return (
    <div className={styles.card}>
      <table className={styles.table}>
        <caption className="visually-hidden">{t('caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('name')}</th>
            <th scope="col">{t('status')}</th>
            <th scope="col">{t('version')}</th>
            <th scope="col">{t('updated')}</th>
            {editable ? (
              <th scope="col">
                <span className="visually-hidden">{t('actions')}</span>
              </th>
            ) : null}
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
                  <span className={styles.muted}>{t('notPublished')}</span>
                )}
              </td>
              <td className={styles.muted}>
                <time dateTime={scenario.updatedAt}>
                  {format.dateTime(new Date(scenario.updatedAt), {
                    dateStyle: 'medium',
                    timeStyle: 'short',
                  })}
                </time>
              </td>
              {editable ? (
                <td className={styles.rowActions}>
                  <ScenarioRowActions scenario={scenario} />
                </td>
              ) : null}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
