import type { ReactNode } from 'react';
import styles from './notice.module.css';

interface NoticeProps {
  tone?: 'neutral' | 'warning' | 'danger';
  title: string;
  children?: ReactNode;
  actions?: ReactNode;
  /** `alert` for failures that replace the page content. */
  role?: 'alert' | 'status';
}

export function Notice({ tone = 'neutral', title, children, actions, role }: NoticeProps) {
  return (
    <div className={styles.notice} data-tone={tone} role={role}>
      <h2 className={styles.title}>{title}</h2>
      {children ? <div className={styles.body}>{children}</div> : null}
      {actions ? <div className={styles.actions}>{actions}</div> : null}
    </div>
  );
}
