import type { Metadata } from 'next';
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { getCurrentSession } from '@/features/auth/session';
import { canEdit } from '@/features/auth/types';
import { listSegmentsWithCounts } from '@/features/segments/api';
import { SegmentTable } from '@/features/segments/segment-table';
import styles from '@/features/scenarios/scenarios.module.css';
import { ApiErrorState } from '@/features/shell/api-error-state';
import { PageHeader } from '@/features/shell/page-header';
import shell from '@/features/shell/shell.module.css';
import ui from '@/features/shell/ui.module.css';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('segments'))('title') };
}

export default async function SegmentsPage() {
  const [result, session, t] = await Promise.all([
    listSegmentsWithCounts(),
    getCurrentSession(),
    getTranslations('segments'),
  ]);
  const editable = session.ok && canEdit(session.data.user.role);
  return (
    <>
      <PageHeader
        title={t('title')}
        description={t('description')}
        actions={
          editable ? (
            <Link href="/segments/new" className={`${ui.button} ${ui.primary}`}>
              {t('new')}
            </Link>
          ) : null
        }
      />
      <div className={shell.content}>
        {!result.ok ? (
          <ApiErrorState error={result.error} />
        ) : result.data.length === 0 ? (
          <div className={styles.empty}>
            <h2>{t('empty.title')}</h2>
            <p>{editable ? t('empty.body') : t('empty.bodyReadOnly')}</p>
          </div>
        ) : (
          <SegmentTable segments={result.data} />
        )}
      </div>
    </>
  );
}
