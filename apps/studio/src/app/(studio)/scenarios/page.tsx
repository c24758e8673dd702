import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { getCurrentSession } from '@/features/auth/session';
import { canEdit } from '@/features/auth/types';
import { listScenarioTemplates } from '@/features/scenario-templates/api';
import { TemplatePicker } from '@/features/scenario-templates/template-picker';
import { listScenarios } from '@/features/scenarios/api';
import { NewScenarioButton } from '@/features/scenarios/new-scenario-button';
import { ScenarioTable } from '@/features/scenarios/scenario-table';
import styles from '@/features/scenarios/scenarios.module.css';
import { ApiErrorState } from '@/features/shell/api-error-state';
import { PageHeader } from '@/features/shell/page-header';
import shell from '@/features/shell/shell.module.css';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('shell'))('scenarios') };
}

export default async function ScenariosPage() {
  const [result, session, t, templates] = await Promise.all([
    listScenarios(),
    getCurrentSession(),
    getTranslations('scenarios'),
    listScenarioTemplates(),
  ]);
  const editable = session.ok && canEdit(session.data.user.role);
  const scenarios = result.ok ? [...result.data].sort((a, b) => b.updatedAt.localeCompare(a.updatedAt)) : [];

  return (
    <>
      <PageHeader
        title={t('title')}
        description={editable ? t('description') : t('descriptionReadOnly')}
        actions={
          editable ? (
            <>
              <TemplatePicker
                templates={templates.ok ? templates.data : []}
                loadError={templates.ok ? null : templates.error.message}
              />
              <NewScenarioButton />
            </>
          ) : null
        }
      />
      <div className={shell.content}>
        {!result.ok ? (
          <ApiErrorState error={result.error} />
        ) : scenarios.length === 0 ? (
          <div className={styles.empty}>
            <h2>{t('empty.title')}</h2>
            <p>{editable ? t('empty.body') : t('empty.bodyReadOnly')}</p>
          </div>
        ) : (
          <ScenarioTable scenarios={scenarios} editable={editable} />
        )}
      </div>
    </>
  );
}
