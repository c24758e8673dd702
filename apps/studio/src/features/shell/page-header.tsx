import Link from 'next/link';
import { useTranslations } from 'next-intl';
import type { ReactNode } from 'react';
import styles from './shell.module.css';

interface PageHeaderProps {
  title: ReactNode;
  /** Breadcrumb trail above the title, last item excluded (it is the title). */
  crumbs?: { href: string; label: string }[];
  description?: ReactNode;
  actions?: ReactNode;
}

export function PageHeader({ title, crumbs, description, actions }: PageHeaderProps) {
  const t = useTranslations('shell');
  return (
    <header className={styles.header}>
      <div className={styles.headerText}>
        {crumbs && crumbs.length > 0 ? (
          <nav aria-label={t('breadcrumb')} className={styles.crumbs}>
            {crumbs.map((crumb) => (
              <span key={crumb.href}>
                <Link href={crumb.href}>{crumb.label}</Link>
                <span aria-hidden="true" className={styles.crumbSep}>
                  /
                </span>
              </span>
            ))}
          </nav>
        ) : null}
        <h1 className={styles.title}>{title}</h1>
        {description ? <div className={styles.description}>{description}</div> : null}
      </div>
      {actions ? <div className={styles.actions}>{actions}</div> : null}
    </header>
  );
}
