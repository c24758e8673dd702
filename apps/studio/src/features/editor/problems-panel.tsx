'use client';

import { useTranslations } from 'next-intl';
import type { ValidationIssue } from './graph-rules';
import styles from './editor.module.css';

interface ProblemsPanelProps {
  issues: ValidationIssue[];
  /** What to call a node in the list. */
  nameOf(nodeId: string): string | undefined;
  /** The node an edge leaves from. */
  sourceOf(edgeId: string): string | undefined;
  onShow(nodeId: string): void;
  checking: boolean;
}

/** Every problem the API found in the saved draft; a problem of a step leads to that step. */
export function ProblemsPanel({ issues, nameOf, sourceOf, onShow, checking }: ProblemsPanelProps) {
  const t = useTranslations('editor.problems');
  if (issues.length === 0) {
    return <p className={styles.ok}>{checking ? t('checking') : t('none')}</p>;
  }
  return (
    <ul className={styles.problemList}>
      {issues.map((issue, index) => {
        const nodeId = issue.nodeId ?? (issue.edgeId ? sourceOf(issue.edgeId) : undefined);
        const name = nodeId ? nameOf(nodeId) : undefined;
        return (
          <li key={index} className={styles.problemItem}>
            {nodeId && name ? (
              <button type="button" className={styles.problemButton} onClick={() => onShow(nodeId)}>
                <span className={styles.problemNode}>{t('showStep', { name })}</span>
                <span>{issue.message}</span>
              </button>
            ) : (
              <span>{issue.message}</span>
            )}
          </li>
        );
      })}
    </ul>
  );
}
