import Link from 'next/link';
import { getFormatter, getTranslations } from 'next-intl/server';
import { DataTable } from '../shell/data-table';
import { DateTime } from '../shell/date-time';
import table from '../shell/table.module.css';
import type { Segment } from './types';

export async function SegmentTable({ segments }: { segments: Segment[] }) {
  const [t, format] = await Promise.all([getTranslations('segments.table'), getFormatter()]);
  return (
    <DataTable
      caption={t('caption')}
      rows={segments}
      rowKey={(segment) => segment.id}
      columns={[
        {
          header: t('name'),
          cell: (segment) => (
            <>
              <Link href={`/segments/${encodeURIComponent(segment.id)}`}>{segment.name}</Link>
              {segment.description ? <div className={table.muted}>{segment.description}</div> : null}
            </>
          ),
        },
        {
          header: t('members'),
          cell: (segment) => (
            <>
              {segment.memberCount === undefined ? '—' : format.number(segment.memberCount)}
              {segment.builtVersion !== segment.version ? (
                <span className={table.muted}> · {t('building')}</span>
              ) : null}
            </>
          ),
        },
        {
          header: t('version'),
          cell: (segment) => <span className={table.version}>v{segment.version}</span>,
        },
        {
          header: t('updated'),
          className: table.muted,
          cell: (segment) => <DateTime value={segment.updatedAt} />,
        },
      ]}
    />
  );
}
