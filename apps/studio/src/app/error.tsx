'use client';

import { Notice } from '@/features/shell/notice';
import shell from '@/features/shell/shell.module.css';
import styles from '@/features/shell/notice.module.css';

export default function ErrorPage({
  error,
  reset,
}: {
  error: Error & { digest?: string };
  reset: () => void;
}) {
  return (
    <div className={shell.content}>
      <Notice
        tone="danger"
        role="alert"
        title="Something went wrong"
        actions={
          <button type="button" className={styles.button} onClick={reset}>
            Try again
          </button>
        }
      >
        <p>
          {error.digest ? `The studio hit an unexpected error (reference ${error.digest}).` : error.message}
        </p>
      </Notice>
    </div>
  );
}
