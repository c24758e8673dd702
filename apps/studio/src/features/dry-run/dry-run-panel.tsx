'use client';

import { type Edge, useReactFlow } from '@xyflow/react';
import { useTranslations } from 'next-intl';
import { useEffect, useId, useState, useTransition } from 'react';
import { EDGE_COLOR } from '../canvas/build-flow';
import { useNodeOverlayStore } from '../node-overlay/node-overlay';
import type { NodeOverlayStore } from '../node-overlay/overlay-store';
import { ProfilePicker } from '../profile-picker/profile-picker';
import { type PickedProfile, profileName } from '../profile-picker/types';
import type { VersionSummary } from '../scenarios/types';
import ui from '../shell/ui.module.css';
import { dryRunAction } from './actions';
import { pathEdgeIds } from './path-edges';
import type { DryRun } from './types';
import styles from './dry-run.module.css';

const PATH_COLOR = '#f79009';

interface DryRunPanelProps {
  scenarioId: string;
  versions: VersionSummary[];
  currentVersion: number | null;
  /** The step's name on the canvas, if it is still there. */
  nameOf(nodeId: string): string | undefined;
}

interface TestState {
  profile: PickedProfile | null;
  version: number | null;
  run: DryRun | null;
  /** Who the shown run was for (the picker may have moved on since). */
  ranFor: PickedProfile | null;
}

// The last test of each canvas outlives the panel: switching tabs keeps the path and its list.
const remembered = new WeakMap<NodeOverlayStore, TestState>();

/** "Test a journey": a customer, a published version, and the path they would take, on the canvas. */
export function DryRunPanel({ scenarioId, versions, currentVersion, nameOf }: DryRunPanelProps) {
  const t = useTranslations('dryRun');
  const flow = useReactFlow();
  const store = useNodeOverlayStore();
  const [state, setState] = useState<TestState>(
    () => remembered.get(store) ?? { profile: null, version: currentVersion, run: null, ranFor: null },
  );
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const versionId = useId();
  useEffect(() => {
    remembered.set(store, state);
  }, [store, state]);

  const highlight = (run: DryRun | null) => {
    store.setPath(run ? run.path : null);
    const walked = run ? pathEdgeIds(run.path, flow.getEdges()) : new Set<string>();
    flow.setEdges((edges: Edge[]) =>
      edges.map((edge) => {
        const on = walked.has(edge.id);
        if (!!edge.animated === on) return edge;
        return {
          ...edge,
          animated: on,
          zIndex: on ? 1 : 0,
          style: { ...edge.style, stroke: on ? PATH_COLOR : EDGE_COLOR, strokeWidth: on ? 2.5 : 1.5 },
        };
      }),
    );
  };

  const run = () => {
    const { profile, version } = state;
    if (!profile) return;
    startTransition(async () => {
      const result = await dryRunAction(scenarioId, profile.id, version);
      if (!result.ok) {
        setError(result.error);
        return;
      }
      setError(null);
      setState((s) => ({ ...s, run: result.data, ranFor: profile }));
      highlight(result.data);
      const onCanvas = result.data.path.filter((step) => flow.getNode(step.nodeId));
      if (onCanvas.length > 0) {
        void flow.fitView({
          nodes: onCanvas.map((step) => ({ id: step.nodeId })),
          padding: 0.2,
          maxZoom: 1,
          duration: 250,
        });
      }
    });
  };

  const clear = () => {
    setState((s) => ({ ...s, run: null, ranFor: null }));
    highlight(null);
  };

  const show = (nodeId: string) => {
    void flow.fitView({ nodes: [{ id: nodeId }], maxZoom: 1, duration: 250 });
    requestAnimationFrame(() =>
      document.querySelector<HTMLElement>(`.react-flow__node[data-id="${CSS.escape(nodeId)}"]`)?.focus(),
    );
  };

  if (versions.length === 0) return <p className={styles.hint}>{t('notPublished')}</p>;

  return (
    <div className={styles.panel}>
      <p className={styles.hint}>{t('intro')}</p>
      <ProfilePicker
        label={t('customer')}
        profile={state.profile}
        onPick={(profile) => setState((s) => ({ ...s, profile }))}
      />
      <div className={styles.runRow}>
        <label className={ui.field} htmlFor={versionId}>
          <span>{t('version')}</span>
          <select
            id={versionId}
            className={ui.input}
            value={state.version ?? ''}
            onChange={(event) => setState((s) => ({ ...s, version: Number(event.target.value) || null }))}
          >
            {versions.map((v) => (
              <option key={v.version} value={v.version}>
                {v.version === currentVersion ? t('versionLive', { version: v.version }) : `v${v.version}`}
              </option>
            ))}
          </select>
        </label>
        <button
          type="button"
          className={`${ui.button} ${ui.primary}`}
          disabled={!state.profile || pending}
          onClick={run}
        >
          {pending ? t('running') : t('run')}
        </button>
      </div>
      {error ? (
        <p className={styles.error} role="alert">
          {error}
        </p>
      ) : null}
      {state.run && state.ranFor ? (
        <section className={styles.result} aria-label={t('resultLabel', { name: profileName(state.ranFor) })}>
          <header className={styles.resultHeader}>
            <h3 className={styles.resultTitle}>
              {t('resultTitle', { name: profileName(state.ranFor), version: state.run.version })}
            </h3>
          </header>
          <ol className={styles.steps}>
            {state.run.path.map((step, index) => {
              const name = nameOf(step.nodeId);
              return (
                <li key={`${step.nodeId}:${index}`} className={styles.step}>
                  <span className={styles.position} aria-hidden="true">
                    {index + 1}
                  </span>
                  {name ? (
                    <button
                      type="button"
                      className={styles.stepName}
                      onClick={() => show(step.nodeId)}
                      aria-label={t('show', { name, outcome: step.outcome })}
                      title={name}
                    >
                      {name}
                    </button>
                  ) : (
                    <span className={styles.stepName}>{t('notOnCanvas', { id: step.nodeId })}</span>
                  )}
                  <span
                    className={styles.outcome}
                    data-outcome={step.outcome.split(':')[0]}
                    title={step.outcome}
                  >
                    {step.outcome}
                  </span>
                </li>
              );
            })}
          </ol>
          <footer className={styles.resultFooter}>
            <p className={styles.end} data-end={state.run.end}>
              <span className={styles.endMark} aria-hidden="true">
                {state.run.end === 'completed' ? '✓' : '!'}
              </span>
              {t('end', { end: state.run.end })}
            </p>
            <button type="button" className={`${ui.button} ${ui.small}`} onClick={clear}>
              {t('clear')}
            </button>
          </footer>
        </section>
      ) : null}
      <p className="visually-hidden" role="status" aria-live="polite">
        {state.run && state.ranFor
          ? t('announce', {
              name: profileName(state.ranFor),
              steps: state.run.path.length,
              end: state.run.end,
            })
          : ''}
      </p>
    </div>
  );
}
