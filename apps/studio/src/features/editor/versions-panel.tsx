'use client';

import Link from 'next/link';
import { useFormatter, useTranslations } from 'next-intl';
import type { VersionSummary } from '../scenarios/types';
import styles from './editor.module.css';

/** Published versions, newest first; each opens read-only. */
export function VersionsPanel({
  scenarioId,
  versions,
  current,
}: {
  scenarioId: string;
  versions: VersionSummary[];
  current: number | null;
}) {
  const t = useTranslations('editor.versions');
  const format = useFormatter();
  if (versions.length === 0) return <p className={styles.hint}>{t('none')}</p>;
  return (
    <ol className={styles.versionList}>
      {versions.map((version) => (
        <li key={version.id}>
          <Link
            href={`/scenarios/${encodeURIComponent(scenarioId)}/versions/${version.version}`}
            className={styles.versionLink}
          >
            <span className={styles.versionNumber}>
              {t('version', { version: version.version })}
              {version.version === current ? <span className={styles.currentTag}>{t('current')}</span> : null}
            </span>
            <time dateTime={version.publishedAt} className={styles.hint}>
              {format.dateTime(new Date(version.publishedAt), { dateStyle: 'medium', timeStyle: 'short' })}
            </time>
          </Link>
        </li>
      ))}
    </ol>
  );
}
