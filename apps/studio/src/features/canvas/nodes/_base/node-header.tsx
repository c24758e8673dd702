import type { ComponentType } from 'react';
import type { NodeKind } from '../../types';
import { KIND_LABELS } from './kinds';
import styles from './node.module.css';

interface NodeHeaderProps {
  kind: NodeKind;
  title: string;
  Icon: ComponentType;
}

export function NodeHeader({ kind, title, Icon }: NodeHeaderProps) {
  return (
    <div className={styles.header}>
      <span className={styles.icon}>
        <Icon />
      </span>
      <span className={styles.title} title={title}>
        {title}
      </span>
      {title === KIND_LABELS[kind] ? null : <span className={styles.kind}>{KIND_LABELS[kind]}</span>}
    </div>
  );
}
