import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { type Column, DataTable } from '../shell/data-table';
import { DateTime } from '../shell/date-time';
import table from '../shell/table.module.css';
import { ScenarioRowActions } from './scenario-row-actions';
import { StatusBadge } from './status-badge';
import type { ScenarioSummary } from './types';

export function ScenarioTable({ scenarios, editable }: { scenarios: ScenarioSummary[]; editable: boolean }) {
  const t = useTranslations('scenarios.table');
  const columns: Column<ScenarioSummary>[] = [
    {
      header: t('name'),
      cell: (scenario) => <Link href={`/scenarios/${encodeURIComponent(scenario.id)}`}>{scenario.name}</Link>,
    },
    { header: t('status'), cell: (scenario) => <StatusBadge status={scenario.status} /> },
    {
      header: t('version'),
      cell: (scenario) =>
        scenario.currentVersion != null ? (
          <span className={table.version}>v{scenario.currentVersion}</span>
        ) : (
          <span className={table.muted}>{t('notPublished')}</span>
        ),
    },
    {
      header: t('updated'),
      className: table.muted,
      cell: (scenario) => <DateTime value={scenario.updatedAt} />,
    },
  ];
  if (editable) {
    columns.push({
      header: t('actions'),
      hideHeader: true,
      className: table.actions,
      cell: (scenario) => <ScenarioRowActions scenario={scenario} />,
    });
  }
  return (
    <DataTable caption={t('caption')} columns={columns} rows={scenarios} rowKey={(scenario) => scenario.id} />
  );
}
