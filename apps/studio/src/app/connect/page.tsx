import type { Metadata } from 'next';
import { disconnectAction } from '@/features/connect/actions';
import { ConnectForm } from '@/features/connect/connect-form';
import styles from '@/features/connect/connect.module.css';
import { PageHeader } from '@/features/shell/page-header';
import shell from '@/features/shell/shell.module.css';
import { apiBaseUrl, resolveApiKey } from '@/lib/api/config';

export const metadata: Metadata = { title: 'Connect' };

const SOURCES = {
  cookie: 'Using the admin key saved in this browser.',
  env: 'Using the admin key the studio was started with (PARCOURS_API_KEY).',
  none: 'No admin key yet.',
} as const;

export default async function ConnectPage() {
  const { source } = await resolveApiKey();
  return (
    <>
      <PageHeader
        title="Connect to the API"
        description={
          <>
            Paste an admin key of your workspace. The studio calls <code>{apiBaseUrl()}</code> with it.
          </>
        }
      />
      <div className={shell.content}>
        <div className={styles.card}>
          <div className={styles.status}>
            <p>{SOURCES[source]}</p>
            {source === 'cookie' ? (
              <form action={disconnectAction}>
                <button type="submit" className={styles.secondary}>
                  Forget saved key
                </button>
              </form>
            ) : null}
          </div>
          <ConnectForm />
        </div>
      </div>
    </>
  );
}
