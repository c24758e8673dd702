import Link from 'next/link';
import { Notice } from '@/features/shell/notice';
import styles from '@/features/shell/notice.module.css';
import { PageHeader } from '@/features/shell/page-header';
import shell from '@/features/shell/shell.module.css';

export default function ScenarioNotFound() {
  return (
    <>
      <PageHeader title="Scenario not found" crumbs={[{ href: '/scenarios', label: 'Scenarios' }]} />
      <div className={shell.content}>
        <Notice
          tone="warning"
          role="alert"
          title="Scenario not found"
          actions={
            <Link href="/scenarios" className={styles.button}>
              Back to scenarios
            </Link>
          }
        >
          <p>There is no scenario with this id in your workspace. It may have been deleted.</p>
        </Notice>
      </div>
    </>
  );
}
