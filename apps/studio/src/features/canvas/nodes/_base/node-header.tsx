import type { ComponentType } from 'react';
import styles from './node.module.css';

interface NodeHeaderProps {
  title: string;
  kindLabel: string;
  Icon: ComponentType;
  /** The validator's messages about this node; the badge shows their count, hovering shows them. */
  problems: string[];
  problemsLabel: string;
}

export function NodeHeader({ title, kindLabel, Icon, problems, problemsLabel }: NodeHeaderProps) {
  return (
    <div className={styles.header}>
      <span className={styles.icon}>
        <Icon />
      </span>
      <span className={styles.title} title={title}>
        {title}
      </span>
      {problems.length > 0 ? (
        // A badge, not a line of text: the node keeps its height, so its handles never move
        // under the pointer when a validation comes back.
        <span className={styles.problemBadge} title={problems.join('\n')}>
          <span aria-hidden="true">⚠ </span>
          {problemsLabel}
        </span>
      ) : title === kindLabel ? null : (
        <span className={styles.kind}>{kindLabel}</span>
      )}
    </div>
  );
}
