import Link from 'next/link';
import { Notice } from '@/features/shell/notice';
import { PageHeader } from '@/features/shell/page-header';
import shell from '@/features/shell/shell.module.css';
import styles from '@/features/shell/notice.module.css';

export default function NotFound() {
  return (
    <>
      <PageHeader title="Page not found" />
      <div className={shell.content}>
        <Notice
          tone="warning"
          title="This page does not exist"
          actions={
            <Link href="/scenarios" className={styles.button}>
              Back to scenarios
            </Link>
          }
        >
          <p>Check the address, or go back to the list of scenarios.</p>
        </Notice>
      </div>
    </>
  );
}
