import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { DataTable } from '../shell/data-table';
import { DateTime } from '../shell/date-time';
import table from '../shell/table.module.css';
import type { Template } from './types';
import styles from './templates.module.css';

export function TemplateTable({ templates }: { templates: Template[] }) {
  const t = useTranslations('templates.table');
  const tc = useTranslations('templates.channels');
  return (
    <DataTable
      caption={t('caption')}
      rows={templates}
      rowKey={(template) => template.id}
      columns={[
        {
          header: t('name'),
          cell: (template) => (
            <Link href={`/templates/${encodeURIComponent(template.id)}`}>{template.name}</Link>
          ),
        },
        {
          header: t('channel'),
          cell: (template) => (
            <span className={styles.channel} data-channel={template.channel}>
              {tc(template.channel)}
            </span>
          ),
        },
        { header: t('version'), className: table.muted, cell: (template) => `v${template.version}` },
        {
          header: t('updated'),
          className: table.muted,
          cell: (template) => <DateTime value={template.updatedAt} />,
        },
      ]}
    />
  );
}
