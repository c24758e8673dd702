import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { getCurrentSession } from '@/features/auth/session';
import { canEdit } from '@/features/auth/types';
import { ruleChoices } from '@/features/segments/api';
import { SegmentEditor } from '@/features/segments/segment-editor';
import { Notice } from '@/features/shell/notice';
import { PageHeader } from '@/features/shell/page-header';
import shell from '@/features/shell/shell.module.css';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('segments'))('new') };
}

export default async function NewSegmentPage() {
  const [session, choices, t] = await Promise.all([
    getCurrentSession(),
    ruleChoices(),
    getTranslations('segments'),
  ]);
  const editable = session.ok && canEdit(session.data.user.role);
  return (
    <>
      <PageHeader title={t('new')} crumbs={[{ href: '/segments', label: t('title') }]} />
      <div className={shell.content}>
        {editable ? (
          <SegmentEditor segment={null} choices={choices} editable />
        ) : (
          <Notice tone="warning" role="alert" title={t('readOnly.title')}>
            <p>{t('readOnly.body')}</p>
          </Notice>
        )}
      </div>
    </>
  );
}
