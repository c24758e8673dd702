'use client';

import { useTranslations } from 'next-intl';
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
  const t = useTranslations('errorPage');
  return (
    <div className={shell.content}>
      <Notice
        tone="danger"
        role="alert"
        title={t('title')}
        actions={
          <button type="button" className={styles.button} onClick={reset}>
            {t('retry')}
          </button>
        }
      >
        <p>{error.digest ? t('reference', { digest: error.digest }) : error.message}</p>
      </Notice>
    </div>
  );
}
