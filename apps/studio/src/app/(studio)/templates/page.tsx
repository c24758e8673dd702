import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { getCurrentSession } from '@/features/auth/session';
import { canEdit } from '@/features/auth/types';
import { ApiErrorState } from '@/features/shell/api-error-state';
import { PageHeader } from '@/features/shell/page-header';
import shell from '@/features/shell/shell.module.css';
import { listTemplates } from '@/features/templates/api';
import { NewTemplateButton } from '@/features/templates/new-template-button';
import { TemplateTable } from '@/features/templates/template-table';
import styles from '@/features/templates/templates.module.css';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('templates'))('title') };
}

export default async function TemplatesPage() {
  const [result, session, t] = await Promise.all([
    listTemplates(),
    getCurrentSession(),
    getTranslations('templates'),
  ]);
  const editable = session.ok && canEdit(session.data.user.role);
  return (
    <>
      <PageHeader
        title={t('title')}
        description={t('description')}
        actions={editable ? <NewTemplateButton /> : null}
      />
      <div className={shell.content}>
        {!result.ok ? (
          <ApiErrorState error={result.error} />
        ) : result.data.length === 0 ? (
          <div className={styles.empty}>
            <p>{editable ? t('empty') : t('emptyReadOnly')}</p>
          </div>
        ) : (
          <TemplateTable templates={result.data} />
        )}
      </div>
    </>
  );
}
