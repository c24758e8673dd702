import Link from 'next/link';
import { useFormatter, useTranslations } from 'next-intl';
import type { Template } from './types';
import styles from './templates.module.css';

export function TemplateTable({ templates }: { templates: Template[] }) {
  const t = useTranslations('templates.table');
  const tc = useTranslations('templates.channels');
  const format = useFormatter();
  return (
    <div className={styles.card}>
      <table className={styles.table}>
        <caption className="visually-hidden">{t('caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('name')}</th>
            <th scope="col">{t('channel')}</th>
            <th scope="col">{t('version')}</th>
            <th scope="col">{t('updated')}</th>
          </tr>
        </thead>
        <tbody>
          {templates.map((template) => (
            <tr key={template.id}>
              <th scope="row" className={styles.name}>
                <Link href={`/templates/${encodeURIComponent(template.id)}`}>{template.name}</Link>
              </th>
              <td>
                <span className={styles.channel} data-channel={template.channel}>
                  {tc(template.channel)}
                </span>
              </td>
              <td className={styles.muted}>v{template.version}</td>
              <td className={styles.muted}>
                <time dateTime={template.updatedAt}>
                  {format.dateTime(new Date(template.updatedAt), { dateStyle: 'medium', timeStyle: 'short' })}
                </time>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
