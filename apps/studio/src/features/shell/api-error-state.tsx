import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import type { ApiError } from '@/lib/api/client';
import { Notice } from './notice';
import styles from './notice.module.css';

/** Full-width explanation of a failed API call, with the way out (sign in again, start the API). */
export async function ApiErrorState({ error }: { error: ApiError }) {
  const t = await getTranslations('apiError');
  switch (error.kind) {
    case 'unauthorized':
      return (
        <Notice
          tone="danger"
          role="alert"
          title={t('unauthorized.title')}
          actions={
            <Link href="/sign-in" className={styles.button}>
              {t('unauthorized.action')}
            </Link>
          }
        >
          <p>{t('unauthorized.body')}</p>
        </Notice>
      );
    case 'forbidden':
      return (
        <Notice tone="warning" role="alert" title={t('forbidden.title')}>
          <p>{error.message}</p>
        </Notice>
      );
    case 'unreachable':
      return (
        <Notice tone="warning" role="alert" title={t('unreachable.title')}>
          <p>{t('unreachable.body', { url: error.url, reason: error.message })}</p>
          <p>{t('unreachable.hint')}</p>
        </Notice>
      );
    case 'not-found':
      return (
        <Notice tone="warning" role="alert" title={t('notFound.title')}>
          <p>{error.message}</p>
        </Notice>
      );
    case 'invalid':
    case 'too-many':
      return (
        <Notice
          tone="danger"
          role="alert"
          title={t('http.title', { status: error.kind === 'invalid' ? 400 : 429 })}
        >
          <p>{error.message}</p>
        </Notice>
      );
    case 'http':
      return (
        <Notice tone="danger" role="alert" title={t('http.title', { status: error.status })}>
          <p>{error.message}</p>
        </Notice>
      );
  }
}
