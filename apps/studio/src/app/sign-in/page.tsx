import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import styles from '@/features/auth/auth.module.css';
import { safeNextPath } from '@/features/auth/next-path';
import { SignInForm } from '@/features/auth/sign-in-form';
import { LanguageSwitcher } from '@/features/shell/language-switcher';
import { Logo } from '@/features/shell/logo';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('signIn'))('title') };
}

interface SignInPageProps {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

export default async function SignInPage({ searchParams }: SignInPageProps) {
  const params = await searchParams;
  const t = await getTranslations('signIn');
  return (
    <main className={styles.page}>
      <div className={styles.card}>
        <div className={styles.brand}>
          <Logo />
          <span>Parcours</span>
        </div>
        <h1 className={styles.title}>{t('title')}</h1>
        <p className={styles.subtitle}>{t('subtitle')}</p>
        {params.expired ? (
          <p className={styles.notice} role="status">
            {t('expired')}
          </p>
        ) : null}
        <SignInForm next={safeNextPath(params.next)} />
        <div className={styles.footer}>
          <LanguageSwitcher />
        </div>
      </div>
    </main>
  );
}
