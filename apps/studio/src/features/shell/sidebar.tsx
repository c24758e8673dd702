'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { signOutAction } from '../auth/actions';
import type { CurrentSession } from '../auth/types';
import { LanguageSwitcher } from './language-switcher';
import { Logo } from './logo';
import styles from './shell.module.css';

export function Sidebar({ session }: { session: CurrentSession }) {
  const t = useTranslations('shell');
  const pathname = usePathname() ?? '';
  const tTemplates = useTranslations('templates');
  const tSegments = useTranslations('segments');
  const tProfiles = useTranslations('profiles');
  const nav = [
    { href: '/scenarios', label: t('scenarios') },
    { href: '/templates', label: tTemplates('nav') },
    { href: '/segments', label: tSegments('nav') },
    { href: '/profiles', label: tProfiles('nav') },
  ];
  const { user, workspace } = session;
  return (
    <aside className={styles.sidebar}>
      <Link href="/scenarios" className={styles.brand} aria-label={t('home')}>
        <Logo />
        <span>Parcours</span>
      </Link>
      <p className={styles.workspace} title={workspace.name}>
        {workspace.name}
      </p>
      <nav aria-label={t('mainNav')} className={styles.nav}>
        {nav.map((item) => {
          const active = pathname === item.href || pathname.startsWith(`${item.href}/`);
          return (
            <Link
              key={item.href}
              href={item.href}
              className={styles.navItem}
              aria-current={active ? 'page' : undefined}
            >
              {item.label}
            </Link>
          );
        })}
      </nav>
      <section className={styles.sidebarFooter} aria-label={t('account')}>
        <div className={styles.user}>
          <span className={styles.userName} title={user.email}>
            {user.name}
          </span>
          <span className={styles.userEmail}>{user.email}</span>
          <span className={styles.role} data-role={user.role}>
            {t('roleLabel', { role: user.role })}
          </span>
        </div>
        <LanguageSwitcher />
        <form action={signOutAction}>
          <button type="submit" className={styles.signOut}>
            {t('signOut')}
          </button>
        </form>
      </section>
    </aside>
  );
}
