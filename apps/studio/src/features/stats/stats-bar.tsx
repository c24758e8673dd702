'use client';

import { useReactFlow } from '@xyflow/react';
import { useFormatter, useTranslations } from 'next-intl';
import { useEffect, useId, useState } from 'react';
import { useNodeOverlayStore } from '../node-overlay/node-overlay';
import type { VersionSummary } from '../scenarios/types';
import ui from '../shell/ui.module.css';
import { scenarioStatsAction } from './actions';
import { figuresByNode } from './node-figures';
import { type ScenarioStats, STATS_RANGES, type StatsRange } from './types';
import styles from './stats.module.css';

/** How often the overlay asks for fresh counts while it is shown and the tab is visible. */
export const STATS_REFRESH_MS = 5_000;

interface StatsBarProps {
  scenarioId: string;
  versions: VersionSummary[];
  currentVersion: number | null;
  /** Shown from the start (a running scenario); the button turns it on and off. */
  initiallyShown: boolean;
  /** The counts of this version only, with no version to choose (a published version's page). */
  fixedVersion?: number;
}

/**
 * The live stats overlay's controls: on/off, version, period and the scenario's totals. The
 * counts go to each node through the overlay store; the flow itself is never re-rendered.
 */
export function StatsBar({
  scenarioId,
  versions,
  currentVersion,
  initiallyShown,
  fixedVersion,
}: StatsBarProps) {
  const t = useTranslations('stats');
  const format = useFormatter();
  const flow = useReactFlow();
  const store = useNodeOverlayStore();
  const [shown, setShown] = useState(initiallyShown);
  const [version, setVersion] = useState<number | null>(fixedVersion ?? null);
  const [range, setRange] = useState<StatsRange>('24h');
  const [stats, setStats] = useState<ScenarioStats | null>(null);
  const [updatedAt, setUpdatedAt] = useState<Date | null>(null);
  const [error, setError] = useState<string | null>(null);
  const versionId = useId();
  const rangeId = useId();

  useEffect(() => {
    if (!shown) {
      store.setFigures(null);
      setStats(null);
      return;
    }
    // Another version or period: the nodes keep room for the counts while the new ones load.
    store.setFigures('loading');
    let cancelled = false;
    let loaded = false;
    const refresh = async () => {
      if (document.hidden) return;
      const result = await scenarioStatsAction(scenarioId, { version, range });
      if (cancelled) return;
      if (!result.ok) {
        setError(result.error);
        // Counts already shown stay until the next refresh; no counts at all: no room kept.
        if (!loaded) store.setFigures(null);
        return;
      }
      loaded = true;
      setError(null);
      setStats(result.data);
      setUpdatedAt(new Date());
      store.setFigures(
        figuresByNode(
          result.data.nodes,
          flow.getNodes().map((node) => node.id),
        ),
      );
    };
    void refresh();
    const timer = setInterval(() => void refresh(), STATS_REFRESH_MS);
    return () => {
      cancelled = true;
      clearInterval(timer);
    };
  }, [shown, version, range, scenarioId, store, flow]);

  // Counts of another version or period are not shown under the new choice while it loads.
  const choose = (change: () => void) => {
    setStats(null);
    change();
  };

  return (
    <div className={styles.bar} role="group" aria-label={t('label')}>
      <button
        type="button"
        className={`${ui.button} ${ui.small}`}
        aria-pressed={shown}
        onClick={() => setShown((on) => !on)}
      >
        {t('toggle')}
      </button>
      {shown ? (
        <>
          {fixedVersion === undefined ? (
            <label className={styles.inline} htmlFor={versionId}>
              <span>{t('version')}</span>
              <select
                id={versionId}
                className={`${ui.input} ${styles.select}`}
                value={version ?? 'all'}
                onChange={(event) =>
                  choose(() => setVersion(event.target.value === 'all' ? null : Number(event.target.value)))
                }
              >
                <option value="all">{t('allVersions')}</option>
                {versions.map((v) => (
                  <option key={v.version} value={v.version}>
                    {v.version === currentVersion
                      ? t('versionLive', { version: v.version })
                      : `v${v.version}`}
                  </option>
                ))}
              </select>
            </label>
          ) : null}
          <label className={styles.inline} htmlFor={rangeId}>
            <span>{t('period')}</span>
            <select
              id={rangeId}
              className={`${ui.input} ${styles.select}`}
              value={range}
              onChange={(event) => choose(() => setRange(event.target.value as StatsRange))}
            >
              {STATS_RANGES.map((r) => (
                <option key={r} value={r}>
                  {t(`ranges.${r}`)}
                </option>
              ))}
            </select>
          </label>
          {error ? (
            <span className={styles.error} role="alert">
              {error}
            </span>
          ) : stats ? (
            <span
              className={styles.totals}
              title={
                updatedAt
                  ? t('updated', { time: format.dateTime(updatedAt, { timeStyle: 'medium' }) })
                  : undefined
              }
            >
              {t('totals', stats.journeys)}
            </span>
          ) : (
            <span className={styles.totals}>{t('loading')}</span>
          )}
        </>
      ) : null}
    </div>
  );
}
