import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getNodeCatalog } from '@/features/canvas/api';
import { ScenarioCanvas } from '@/features/canvas/scenario-canvas';
import type { ScenarioGraph } from '@/features/canvas/types';
import { getScenario, getVersion, listVersions } from '@/features/scenarios/api';
import { StatusBadge } from '@/features/scenarios/status-badge';
import { VersionPicker } from '@/features/scenarios/version-picker';
import styles from '@/features/scenarios/scenarios.module.css';
import { ApiErrorState } from '@/features/shell/api-error-state';
import { Notice } from '@/features/shell/notice';
import notice from '@/features/shell/notice.module.css';
import { PageHeader } from '@/features/shell/page-header';
import shell from '@/features/shell/shell.module.css';
import type { ApiError } from '@/lib/api/client';
import { formatDateTime } from '@/lib/format';

interface ScenarioPageProps {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

const CRUMBS = [{ href: '/scenarios', label: 'Scenarios' }];

/** 404, or 400 for an id the API cannot even parse (ids are UUIDs): either way, nothing there. */
function isMissing(error: ApiError): boolean {
  return error.kind === 'not-found' || (error.kind === 'http' && error.status === 400);
}

function parseVersion(raw: string | string[] | undefined): number | null {
  const value = Array.isArray(raw) ? raw[0] : raw;
  if (!value || !/^\d+$/.test(value)) return null;
  return Number(value);
}

export async function generateMetadata({ params }: ScenarioPageProps): Promise<Metadata> {
  const { id } = await params;
  const result = await getScenario(id);
  return { title: result.ok ? result.data.name : 'Scenario' };
}

export default async function ScenarioPage({ params, searchParams }: ScenarioPageProps) {
  const { id } = await params;
  const requested = parseVersion((await searchParams).version);

  const [scenarioResult, versionsResult, catalog] = await Promise.all([
    getScenario(id),
    listVersions(id),
    getNodeCatalog(),
  ]);

  if (!scenarioResult.ok) {
    if (isMissing(scenarioResult.error)) notFound();
    return (
      <>
        <PageHeader title="Scenario" crumbs={CRUMBS} />
        <div className={shell.content}>
          <ApiErrorState error={scenarioResult.error} />
        </div>
      </>
    );
  }

  const scenario = scenarioResult.data;
  const versions = versionsResult.ok ? [...versionsResult.data].sort((a, b) => b.version - a.version) : [];
  const chosen = requested ?? scenario.currentVersion ?? null;

  const title = (
    <>
      <span>{scenario.name}</span>
      <StatusBadge status={scenario.status} />
    </>
  );

  // A draft-only scenario: show the draft, read-only.
  if (chosen === null) {
    return (
      <div className={styles.detail}>
        <PageHeader
          title={title}
          crumbs={CRUMBS}
          description={<span className={styles.meta}>Showing the current draft, read-only</span>}
          actions={<span className={styles.pill}>Not published yet</span>}
        />
        <ScenarioCanvas
          key={`${scenario.id}:draft`}
          graph={scenario.graph}
          catalog={catalog}
          label={`Canvas of ${scenario.name}, draft`}
        />
      </div>
    );
  }

  const versionResult = await getVersion(id, chosen);
  const picker =
    versions.length > 0 ? (
      <VersionPicker
        scenarioId={scenario.id}
        selected={chosen}
        options={[
          ...versions.map((v) => ({
            version: v.version,
            label: `v${v.version}${v.version === scenario.currentVersion ? ' (current)' : ''} · ${formatDateTime(v.publishedAt)}`,
          })),
          ...(versions.some((v) => v.version === chosen) ? [] : [{ version: chosen, label: `v${chosen}` }]),
        ]}
      />
    ) : null;

  if (!versionResult.ok) {
    return (
      <div className={styles.detail}>
        <PageHeader title={title} crumbs={CRUMBS} actions={picker} />
        <div className={shell.content}>
          {isMissing(versionResult.error) ? (
            <Notice
              tone="warning"
              role="alert"
              title={`Version ${chosen} not found`}
              actions={
                <Link href={`/scenarios/${encodeURIComponent(scenario.id)}`} className={notice.button}>
                  Show the current version
                </Link>
              }
            >
              <p>This scenario has no published version {chosen}.</p>
            </Notice>
          ) : (
            <ApiErrorState error={versionResult.error} />
          )}
        </div>
      </div>
    );
  }

  const version = versionResult.data;
  const graph: ScenarioGraph = version.graph;
  const isCurrent = version.version === scenario.currentVersion;

  return (
    <div className={styles.detail}>
      <PageHeader
        title={title}
        crumbs={CRUMBS}
        description={
          <span className={styles.meta}>
            <span>
              Version {version.version}
              {isCurrent ? ' (current)' : ''}
            </span>
            <span>Published {formatDateTime(version.publishedAt)}</span>
            <span>Read-only</span>
          </span>
        }
        actions={picker}
      />
      <ScenarioCanvas
        key={`${scenario.id}:v${version.version}`}
        graph={graph}
        catalog={catalog}
        label={`Canvas of ${scenario.name}, version ${version.version}`}
      />
    </div>
  );
}
