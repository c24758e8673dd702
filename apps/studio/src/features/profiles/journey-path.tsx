'use client';

import { useFormatter, useTranslations } from 'next-intl';
import { useId, useState, useTransition } from 'react';
import ui from '../shell/ui.module.css';
import { journeyPathAction } from './actions';
import styles from './profiles.module.css';
import type { JourneyPath as Path } from './types';

/** The steps of one journey, read from the API when opened. */
export function JourneyPath({ journeyId, scenarioName }: { journeyId: string; scenarioName: string }) {
  const t = useTranslations('profiles.journeys');
  const format = useFormatter();
  const panelId = useId();
  const [open, setOpen] = useState(false);
  const [path, setPath] = useState<Path | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, startLoading] = useTransition();
  const toggle = () => {
    const next = !open;
    setOpen(next);
    if (next && !path) {
      startLoading(async () => {
        const result = await journeyPathAction(journeyId);
        if (result.ok) setPath(result.data);
        else setError(result.error);
      });
    }
  };
  return (
    <>
      <button
        type="button"
        className={`${ui.button} ${ui.small}`}
        aria-expanded={open}
        aria-controls={panelId}
        aria-label={t(open ? 'hidePathOf' : 'showPathOf', { scenario: scenarioName })}
        onClick={toggle}
      >
        {open ? t('hidePath') : t('showPath')}
      </button>
      <div id={panelId} hidden={!open}>
        {loading ? <p className={styles.muted}>{t('loading')}</p> : null}
        {error ? <p className={ui.error}>{error}</p> : null}
        {path ? (
          <ol className={styles.path} aria-label={t('pathOf', { scenario: scenarioName })}>
            {path.steps.map((step) => (
              <li key={step.index}>
                <span className={styles.stepType}>{step.nodeType}</span>{' '}
                <span className={styles.muted}>
                  ({step.nodeId}){step.outcome ? ` → ${step.outcome}` : ''} ·{' '}
                  {format.dateTime(new Date(step.at), { dateStyle: 'short', timeStyle: 'medium' })}
                </span>
              </li>
            ))}
          </ol>
        ) : null}
      </div>
    </>
  );
}
