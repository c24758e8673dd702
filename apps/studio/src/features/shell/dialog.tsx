'use client';

import { type ReactNode, useEffect, useId, useRef } from 'react';
import styles from './ui.module.css';

interface DialogProps {
  open: boolean;
  onClose: () => void;
  title: string;
  children: ReactNode;
  /** Buttons along the bottom edge. */
  actions: ReactNode;
  /** Room for a list of choices rather than a few fields. */
  wide?: boolean;
}

/**
 * A modal `<dialog>`: the browser traps focus inside, closes it on Escape and gives focus back to
 * the control that opened it.
 */
export function Dialog({ open, onClose, title, children, actions, wide = false }: DialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);
  return (
    <dialog
      ref={ref}
      className={wide ? `${styles.dialog} ${styles.wide}` : styles.dialog}
      aria-labelledby={titleId}
      onClose={onClose}
    >
      <div className={styles.dialogBody}>
        <h2 id={titleId} className={styles.dialogTitle}>
          {title}
        </h2>
        {children}
      </div>
      <div className={styles.dialogActions}>{actions}</div>
    </dialog>
  );
}
