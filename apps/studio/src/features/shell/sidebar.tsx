'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import styles from './shell.module.css';

const NAV = [{ href: '/scenarios', label: 'Scenarios' }];

export function Sidebar() {
  const pathname = usePathname() ?? '';
  return (
    <aside className={styles.sidebar}>
      <Link href="/scenarios" className={styles.brand} aria-label="Parcours Studio home">
        <span className={styles.logo} aria-hidden="true">
          <svg width="16" height="16" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2.4">
            <circle cx="6" cy="6" r="2.5" />
            <circle cx="18" cy="18" r="2.5" />
            <path d="M8.5 6H14a4 4 0 0 1 0 8h-4a4 4 0 0 0 0 8h5.5" strokeLinecap="round" />
          </svg>
        </span>
        <span>Parcours</span>
      </Link>
      <nav aria-label="Main" className={styles.nav}>
        {NAV.map((item) => {
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
      <div className={styles.sidebarFooter}>
        <Link
          href="/connect"
          className={styles.navItem}
          aria-current={pathname === '/connect' ? 'page' : undefined}
        >
          API key
        </Link>
      </div>
    </aside>
  );
}
