import Link from 'next/link';
import { getFormatter, getTranslations } from 'next-intl/server';
import table from '../scenarios/scenarios.module.css';
import type { Segment } from './types';

export async function SegmentTable({ segments }: { segments: Segment[] }) {
  const [t, format] = await Promise.all([getTranslations('segments.table'), getFormatter()]);
  return (
    <div className={table.card}>
      <table className={table.table}>
        <caption className="visually-hidden">{t('caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('name')}</th>
            <th scope="col">{t('members')}</th>
            <th scope="col">{t('version')}</th>
            <th scope="col">{t('updated')}</th>
          </tr>
        </thead>
        <tbody>
          {segments.map((segment) => (
            <tr key={segment.id}>
              <th scope="row" className={table.name}>
                <Link href={`/segments/${encodeURIComponent(segment.id)}`}>{segment.name}</Link>
                {segment.description ? <div className={table.muted}>{segment.description}</div> : null}
              </th>
              <td>
                {segment.memberCount === undefined ? '—' : format.number(segment.memberCount)}
                {segment.builtVersion !== segment.version ? (
                  <span className={table.muted}> · {t('building')}</span>
                ) : null}
              </td>
              <td>
                <span className={table.version}>v{segment.version}</span>
              </td>
              <td className={table.muted}>
                {format.dateTime(new Date(segment.updatedAt), { dateStyle: 'medium', timeStyle: 'short' })}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
