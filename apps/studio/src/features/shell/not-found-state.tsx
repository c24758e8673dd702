import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { Notice } from './notice';
import styles from './notice.module.css';
import { PageHeader } from './page-header';
import shell from './shell.module.css';

/**
 * A "not found" page inside the studio: its messages (`title`, `body`, `back`) come from the given
 * namespace, and the way out leads back to the scenarios.
 */
export async function NotFoundState({
  namespace,
}: {
  namespace: 'scenarioNotFound' | 'versionPage.notFound';
}) {
  const t = await getTranslations(namespace);
  const crumbs = [{ href: '/scenarios', label: (await getTranslations('shell'))('scenarios') }];
  return (
    <>
      <PageHeader title={t('title')} crumbs={crumbs} />
      <div className={shell.content}>
        <Notice
          tone="warning"
          role="alert"
          title={t('title')}
          actions={
            <Link href="/scenarios" className={styles.button}>
              {t('back')}
            </Link>
          }
        >
          <p>{t('body')}</p>
        </Notice>
      </div>
    </>
  );
}
