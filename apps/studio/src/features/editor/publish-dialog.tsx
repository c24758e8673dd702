'use client';

import { useTranslations } from 'next-intl';
import type { ReactNode } from 'react';
import type { GraphNode } from '../canvas/types';
import { Dialog } from '../shell/dialog';
import ui from '../shell/ui.module.css';
import type { GraphDiff } from './graph-rules';
import styles from './editor.module.css';

interface PublishDialogProps {
  open: boolean;
  onClose(): void;
  /** What changed; null while the dialog is closed. */
  diff: GraphDiff | null;
  /** The version publishing creates. */
  nextVersion: number;
  problemCount: number;
  nameOf(node: GraphNode): string;
  publishing: boolean;
  error: string | null;
  onConfirm(): void;
}

/** What publishing changes compared with the live version, and a confirmation. */
export function PublishDialog(props: PublishDialogProps) {
  const { diff, nextVersion, problemCount, nameOf } = props;
  const t = useTranslations('editor.publish');
  const blocked = problemCount > 0;
  return (
    <Dialog
      open={props.open}
      onClose={props.onClose}
      title={t('title', { version: nextVersion })}
      actions={
        <>
          <button type="button" className={ui.button} onClick={props.onClose}>
            {t('cancel')}
          </button>
          <button
            type="button"
            className={`${ui.button} ${ui.primary}`}
            disabled={blocked || props.publishing}
            onClick={props.onConfirm}
          >
            {props.publishing ? t('publishing') : t('confirm', { version: nextVersion })}
          </button>
        </>
      }
    >
      {blocked ? (
        <p role="alert" className={styles.blocked}>
          {t('blocked', { count: problemCount })}
        </p>
      ) : null}
      <p className={styles.hint}>{nextVersion === 1 ? t('firstVersion') : t('explain')}</p>
      {diff ? <Changes diff={diff} nextVersion={nextVersion} nameOf={nameOf} /> : null}
      {props.error ? (
        <p role="alert" className={ui.error}>
          {props.error}
        </p>
      ) : null}
    </Dialog>
  );
}

/** The steps added, removed and changed since the live version. */
function Changes({
  diff,
  nextVersion,
  nameOf,
}: {
  diff: GraphDiff;
  nextVersion: number;
  nameOf(node: GraphNode): string;
}) {
  const t = useTranslations('editor.publish');
  return (
    <>
      {diff.empty && nextVersion > 1 ? <p>{t('noChanges', { version: nextVersion - 1 })}</p> : null}
      <div className={styles.diff}>
        <DiffSection title={t('added', { count: diff.added.length })} tone="added">
          {diff.added.map((node) => (
            <li key={node.id}>{nameOf(node)}</li>
          ))}
        </DiffSection>
        <DiffSection title={t('removed', { count: diff.removed.length })} tone="removed">
          {diff.removed.map((node) => (
            <li key={node.id}>{nameOf(node)}</li>
          ))}
        </DiffSection>
        <DiffSection title={t('changed', { count: diff.changed.length })} tone="changed">
          {diff.changed.map(({ node, what }) => (
            <li key={node.id}>
              {nameOf(node)}{' '}
              <span className={styles.hint}>({what.map((kind) => t(`what.${kind}`)).join(', ')})</span>
            </li>
          ))}
        </DiffSection>
        {diff.settingsChanged ? <p>{t('settingsChanged')}</p> : null}
      </div>
    </>
  );
}

function DiffSection({ title, tone, children }: { title: string; tone: string; children: ReactNode[] }) {
  if (children.length === 0) return null;
  return (
    <section className={styles.diffSection} data-tone={tone}>
      <h3>{title}</h3>
      <ul>{children}</ul>
    </section>
  );
}
