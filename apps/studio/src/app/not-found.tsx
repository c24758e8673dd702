import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { Notice } from '@/features/shell/notice';
import styles from '@/features/shell/notice.module.css';
import shell from '@/features/shell/shell.module.css';

export default async function NotFound() {
  const t = await getTranslations('notFound');
  return (
    <main className={shell.content}>
      <Notice
        tone="warning"
        title={t('title')}
        actions={
          <Link href="/scenarios" className={styles.button}>
            {t('back')}
          </Link>
        }
      >
        <p>{t('body')}</p>
      </Notice>
    </main>
  );
}
