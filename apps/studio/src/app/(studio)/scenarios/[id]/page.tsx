import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { getCurrentSession } from '@/features/auth/session';
import { canEdit } from '@/features/auth/types';
import { getNodeCatalog, getSummaryNames } from '@/features/canvas/api';
import { validateDraftAction } from '@/features/editor/actions';
import { ScenarioEditor } from '@/features/editor/scenario-editor';
import { getScenario, getVersion, isMissing, listVersions } from '@/features/scenarios/api';
import { StatusBadge } from '@/features/scenarios/status-badge';
import styles from '@/features/scenarios/scenarios.module.css';
import { ApiErrorState } from '@/features/shell/api-error-state';
import { PageHeader } from '@/features/shell/page-header';
import shell from '@/features/shell/shell.module.css';

interface ScenarioPageProps {
  params: Promise<{ id: string }>;
}

export async function generateMetadata({ params }: ScenarioPageProps): Promise<Metadata> {
  const result = await getScenario((await params).id);
  return { title: result.ok ? result.data.name : (await getTranslations('shell'))('scenarios') };
}

/** The draft of a scenario on the canvas: editable by editors and admins, read-only for viewers. */
export default async function ScenarioPage({ params }: ScenarioPageProps) {
  const { id } = await params;
  const t = await getTranslations('editor');
  const crumbs = [{ href: '/scenarios', label: (await getTranslations('shell'))('scenarios') }];
  const [scenarioResult, versionsResult, catalog, session, names] = await Promise.all([
    getScenario(id),
    listVersions(id),
    getNodeCatalog(),
    getCurrentSession(),
    getSummaryNames(),
  ]);

  if (!scenarioResult.ok) {
    if (isMissing(scenarioResult.error)) notFound();
    return (
      <>
        <PageHeader title={t('title')} crumbs={crumbs} />
        <div className={shell.content}>
          <ApiErrorState error={scenarioResult.error} />
        </div>
      </>
    );
  }
  const scenario = scenarioResult.data;
  const versions = versionsResult.ok ? [...versionsResult.data].sort((a, b) => b.version - a.version) : [];
  const [published, validation] = await Promise.all([
    scenario.currentVersion ? getVersion(id, scenario.currentVersion) : null,
    validateDraftAction(id),
  ]);
  const editable = session.ok && canEdit(session.data.user.role) && scenario.status !== 'archived';

  return (
    <div className={styles.detail}>
      <PageHeader
        title={
          <>
            <span>{scenario.name}</span>
            <StatusBadge status={scenario.status} />
          </>
        }
        crumbs={crumbs}
        description={
          <span className={styles.meta}>
            <span>{t('draft')}</span>
            <span>
              {scenario.currentVersion
                ? t('liveVersion', { version: scenario.currentVersion })
                : t('notPublished')}
            </span>
          </span>
        }
      />
      <ScenarioEditor
        key={scenario.id}
        scenario={scenario}
        catalog={catalog}
        versions={versions}
        published={published?.ok ? published.data.graph : null}
        validation={validation.ok ? validation.data : null}
        editable={editable}
        names={names}
      />
    </div>
  );
}
