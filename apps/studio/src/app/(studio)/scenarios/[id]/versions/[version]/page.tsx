import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getFormatter, getLocale, getTranslations } from 'next-intl/server';
import { getNodeCatalog, getSummaryNames } from '@/features/canvas/api';
import { ScenarioCanvas } from '@/features/canvas/scenario-canvas';
import { getScenario, getVersion, isMissing, listVersions } from '@/features/scenarios/api';
import { VersionPicker } from '@/features/scenarios/version-picker';
import styles from '@/features/scenarios/scenarios.module.css';
import { ApiErrorState } from '@/features/shell/api-error-state';
import { PageHeader } from '@/features/shell/page-header';
import shell from '@/features/shell/shell.module.css';
import ui from '@/features/shell/ui.module.css';
import { StatsBar } from '@/features/stats/stats-bar';
import { statsShownFromStart } from '@/features/stats/types';

interface VersionPageProps {
  params: Promise<{ id: string; version: string }>;
}

export async function generateMetadata({ params }: VersionPageProps): Promise<Metadata> {
  const { id, version } = await params;
  const result = await getScenario(id);
  return { title: result.ok ? `${result.data.name} · v${version}` : `v${version}` };
}

/** One published version of a scenario, read-only, with its own live stats. */
export default async function VersionPage({ params }: VersionPageProps) {
  const { id, version: raw } = await params;
  if (!/^\d{1,7}$/.test(raw) || Number(raw) < 1) notFound();
  const number = Number(raw);
  const [t, format, shellT, locale] = await Promise.all([
    getTranslations('versionPage'),
    getFormatter(),
    getTranslations('shell'),
    getLocale(),
  ]);
  const [scenarioResult, versionResult, versionsResult, catalog, names] = await Promise.all([
    getScenario(id),
    getVersion(id, number),
    listVersions(id),
    getNodeCatalog(),
    getSummaryNames(),
  ]);
  if (!scenarioResult.ok && isMissing(scenarioResult.error)) notFound();
  if (!versionResult.ok && isMissing(versionResult.error)) notFound();
  if (!scenarioResult.ok || !versionResult.ok) {
    const error = !scenarioResult.ok
      ? scenarioResult.error
      : (versionResult as { ok: false; error: never }).error;
    return (
      <div className={shell.content}>
        <ApiErrorState error={error} />
      </div>
    );
  }
  const scenario = scenarioResult.data;
  const version = versionResult.data;
  const versions = versionsResult.ok ? [...versionsResult.data].sort((a, b) => b.version - a.version) : [];
  const crumbs = [
    { href: '/scenarios', label: shellT('scenarios') },
    { href: `/scenarios/${encodeURIComponent(scenario.id)}`, label: scenario.name },
  ];
  const isCurrent = version.version === scenario.currentVersion;

  return (
    <div className={styles.detail}>
      <PageHeader
        title={t('title', { version: version.version })}
        crumbs={crumbs}
        description={
          <span className={styles.meta}>
            <span>{isCurrent ? t('current') : t('older')}</span>
            <span>
              {t('published', {
                date: format.dateTime(new Date(version.publishedAt), {
                  dateStyle: 'medium',
                  timeStyle: 'short',
                }),
              })}
            </span>
            <span>{t('readOnly')}</span>
          </span>
        }
        actions={
          <>
            <VersionPicker
              scenarioId={scenario.id}
              selected={version.version}
              options={versions.map((v) => ({
                version: v.version,
                label: `v${v.version}${v.version === scenario.currentVersion ? ` (${t('currentShort')})` : ''}`,
              }))}
            />
            <Link href={`/scenarios/${encodeURIComponent(scenario.id)}`} className={ui.button}>
              {t('backToDraft')}
            </Link>
          </>
        }
      />
      <ScenarioCanvas
        // The canvas builds its nodes once: a new language draws it anew.
        key={`${scenario.id}:v${version.version}:${locale}`}
        graph={version.graph}
        catalog={catalog}
        label={t('canvasLabel', { name: scenario.name, version: version.version })}
        names={names}
        toolbar={
          <StatsBar
            scenarioId={scenario.id}
            versions={versions}
            currentVersion={scenario.currentVersion}
            initiallyShown={statsShownFromStart(scenario.status)}
            fixedVersion={version.version}
          />
        }
      />
    </div>
  );
}
