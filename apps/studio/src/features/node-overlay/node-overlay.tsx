'use client';

import { useFormatter, useTranslations } from 'next-intl';
import { createContext, type ReactNode, useContext, useSyncExternalStore } from 'react';
import type { NodeFigures, Rate } from '../stats/node-figures';
import { type NodeOverlay, NodeOverlayStore } from './overlay-store';
import styles from './node-overlay.module.css';

const OverlayContext = createContext<NodeOverlayStore | null>(null);
const NO_STORE = new NodeOverlayStore();

export function NodeOverlayProvider({ store, children }: { store: NodeOverlayStore; children: ReactNode }) {
  return <OverlayContext.Provider value={store}>{children}</OverlayContext.Provider>;
}

/** The store of the canvas being shown (a store that never changes outside a provider). */
export function useNodeOverlayStore(): NodeOverlayStore {
  return useContext(OverlayContext) ?? NO_STORE;
}

function useNodeOverlay(nodeId: string): NodeOverlay {
  const store = useNodeOverlayStore();
  return useSyncExternalStore(
    store.subscribe,
    () => store.get(nodeId),
    () => store.get(nodeId),
  );
}

/**
 * Drawn inside each canvas node: its live stats and, during a test, its place in the path. Nodes a
 * test did not pass through are dimmed (a marker the node's wrapper reacts to in CSS).
 */
export function NodeOverlayView({ nodeId }: { nodeId: string }) {
  const { figures, path } = useNodeOverlay(nodeId);
  return (
    <>
      {path && path.length > 0 ? <PathBadge visits={path} /> : null}
      {path && path.length === 0 ? <span className={styles.offPath} aria-hidden="true" /> : null}
      {figures ? <StatsBand figures={figures} /> : null}
    </>
  );
}

function PathBadge({ visits }: { visits: NonNullable<NodeOverlay['path']> }) {
  const t = useTranslations('dryRun');
  const text = visits.map((visit) => `${visit.position} · ${visit.outcome}`).join(', ');
  return (
    <span className={styles.pathBadge} title={t('onPath', { steps: text })}>
      <span aria-hidden="true">{text}</span>
      <span className="visually-hidden">{t('onPath', { steps: text })}</span>
    </span>
  );
}

interface BandItem {
  key: string;
  text: string;
  tone?: 'good' | 'bad' | 'active';
}

/**
 * The step's counts in a band of two lines, always two: every step with stats has the same extra
 * height whatever it shows (and while they load), so neither the nodes nor their handles move when
 * figures arrive or change. A line too long for the node ends in an ellipsis; hovering shows it all.
 */
function StatsBand({ figures }: { figures: NodeFigures | 'loading' }) {
  const t = useTranslations('stats.node');
  const ts = useTranslations('stats');
  const format = useFormatter();
  if (figures === 'loading') {
    return (
      <div className={styles.stats} role="group" aria-label={t('label')} aria-busy="true">
        <p className={styles.line} data-placeholder>
          {ts('loading')}
        </p>
        <p className={styles.line} aria-hidden="true" />
      </div>
    );
  }
  const percent = (rate: Rate) =>
    rate === null ? '–' : format.number(rate, { style: 'percent', maximumFractionDigits: 0 });
  const { messages } = figures;
  const first: BandItem[] = [
    { key: 'entered', text: t('entered', { count: figures.entered }) },
    {
      key: 'current',
      text: t('current', { count: figures.current }),
      tone: figures.current > 0 ? 'active' : undefined,
    },
    ...(figures.ended > 0 ? [{ key: 'ended', text: t('ended', { count: figures.ended }) }] : []),
  ];
  const second: BandItem[] = messages
    ? [
        { key: 'sent', text: t('sent', { count: messages.sent }) },
        { key: 'opened', text: t('opened', { rate: percent(messages.openRate) }) },
        { key: 'clicked', text: t('clicked', { rate: percent(messages.clickRate) }) },
        ...(messages.skipped > 0
          ? [{ key: 'skipped', text: t('skipped', { count: messages.skipped }) }]
          : []),
        ...(messages.failed + messages.bounced > 0
          ? [
              {
                key: 'failed',
                text: t('failed', { count: messages.failed + messages.bounced }),
                tone: 'bad' as const,
              },
            ]
          : []),
        ...(messages.unsubscribed > 0
          ? [
              {
                key: 'unsubscribed',
                text: t('unsubscribed', { count: messages.unsubscribed }),
                tone: 'bad' as const,
              },
            ]
          : []),
      ]
    : figures.outcomes.length > 1 || figures.conversions > 0
      ? figures.outcomes.slice(0, 4).map((outcome) => ({
          key: outcome.outcome,
          text: t('outcome', {
            outcome: outcome.outcome,
            count: outcome.count,
            share: percent(outcome.share),
          }),
          tone: outcome.outcome === 'converted' ? ('good' as const) : undefined,
        }))
      : [];
  const endedBy = figures.endedBy.map((e) => `${e.outcome}: ${e.count}`).join(', ');
  return (
    <div className={styles.stats} role="group" aria-label={t('label')}>
      <BandLine items={first} title={endedBy ? `${texts(first)} (${endedBy})` : texts(first)} />
      <BandLine items={second} title={texts(second)} />
    </div>
  );
}

const texts = (items: BandItem[]) => items.map((item) => item.text).join(' · ');

function BandLine({ items, title }: { items: BandItem[]; title: string }) {
  if (items.length === 0) return <p className={styles.line} aria-hidden="true" />;
  return (
    <p className={styles.line} title={title}>
      {items.map((item) => (
        <span key={item.key} data-tone={item.tone}>
          {item.text}
        </span>
      ))}
    </p>
  );
}
