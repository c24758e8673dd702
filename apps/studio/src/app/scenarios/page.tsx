import type { Metadata } from 'next';
import { listScenarios } from '@/features/scenarios/api';
import { ScenarioTable } from '@/features/scenarios/scenario-table';
import styles from '@/features/scenarios/scenarios.module.css';
import { ApiErrorState } from '@/features/shell/api-error-state';
import { PageHeader } from '@/features/shell/page-header';
import shell from '@/features/shell/shell.module.css';

export const metadata: Metadata = { title: 'Scenarios' };

export default async function ScenariosPage() {
  const result = await listScenarios();
  const scenarios = result.ok
    ? [...result.data].sort((a, b) => (b.updatedAt ?? '').localeCompare(a.updatedAt ?? ''))
    : [];

  return (
    <>
      <PageHeader
        title="Scenarios"
        description="Customer journeys of this workspace. Open one to review its published canvas."
      />
      <div className={shell.content}>
        {!result.ok ? (
          <ApiErrorState error={result.error} />
        ) : scenarios.length === 0 ? (
          <div className={styles.empty}>
            <h2>No scenarios yet</h2>
            <p>Scenarios created through the API will be listed here.</p>
          </div>
        ) : (
          <ScenarioTable scenarios={scenarios} />
        )}
      </div>
    </>
  );
}
