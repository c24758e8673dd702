'use client';

import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { useState, useTransition } from 'react';
import { Dialog } from '../shell/dialog';
import ui from '../shell/ui.module.css';
import { archiveScenarioAction, duplicateScenarioAction } from './actions';
import type { ScenarioSummary } from './types';
import styles from './scenarios.module.css';

/** Duplicate and archive (after confirming) one scenario of the list. */
export function ScenarioRowActions({ scenario }: { scenario: ScenarioSummary }) {
  const t = useTranslations('scenarios.row');
  const router = useRouter();
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  const run = (action: () => Promise<{ ok: boolean; error?: string }>, after?: () => void) =>
    startTransition(async () => {
      const result = await action();
      if (!result.ok) {
        setError(result.error ?? null);
        return;
      }
      setError(null);
      after?.();
      router.refresh();
    });

  return (
    <div className={styles.rowButtons}>
      <button
        type="button"
        className={`${ui.button} ${ui.small}`}
        disabled={pending}
        aria-label={t('duplicateLabel', { name: scenario.name })}
        onClick={() => run(() => duplicateScenarioAction(scenario.id, scenario.name))}
      >
        {t('duplicate')}
      </button>
      <button
        type="button"
        className={`${ui.button} ${ui.small} ${ui.danger}`}
        disabled={pending}
        aria-label={t('archiveLabel', { name: scenario.name })}
        onClick={() => setConfirming(true)}
      >
        {t('archive')}
      </button>
      {error ? (
        <p role="alert" className={ui.error}>
          {error}
        </p>
      ) : null}
      <Dialog
        open={confirming}
        onClose={() => setConfirming(false)}
        title={t('archiveTitle', { name: scenario.name })}
        actions={
          <>
            <button type="button" className={ui.button} onClick={() => setConfirming(false)}>
              {t('cancel')}
            </button>
            <button
              type="button"
              className={`${ui.button} ${ui.primary} ${ui.danger}`}
              disabled={pending}
              onClick={() =>
                run(
                  () => archiveScenarioAction(scenario.id),
                  () => setConfirming(false),
                )
              }
            >
              {t('archiveConfirm')}
            </button>
          </>
        }
      >
        <p>{t('archiveBody')}</p>
      </Dialog>
    </div>
  );
}
