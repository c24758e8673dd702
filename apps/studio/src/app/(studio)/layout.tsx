import type { ReactNode } from 'react';
import { requireSession } from '@/features/auth/session';
import { ApiErrorState } from '@/features/shell/api-error-state';
import styles from '@/features/shell/shell.module.css';
import { Sidebar } from '@/features/shell/sidebar';

/** Every page but the sign-in page: signed in, with the sidebar. */
export default async function StudioLayout({ children }: { children: ReactNode }) {
  const session = await requireSession();
  if (!session.ok) {
    return (
      <main className={styles.content}>
        <ApiErrorState error={session.error} />
      </main>
    );
  }
  return (
    <div className={styles.shell}>
      <Sidebar session={session.data} />
      <main className={styles.main}>{children}</main>
    </div>
  );
}
