import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { Sidebar } from '@/features/shell/sidebar';
import styles from '@/features/shell/shell.module.css';
import './globals.css';

export const metadata: Metadata = {
  title: { default: 'Parcours Studio', template: '%s · Parcours Studio' },
  description: 'Design and review customer journeys.',
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>
        <div className={styles.shell}>
          <Sidebar />
          <main className={styles.main}>{children}</main>
        </div>
      </body>
    </html>
  );
}
