import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { getCurrentSession } from '@/features/auth/session';
import { canEdit } from '@/features/auth/types';
import { isMissing } from '@/features/scenarios/api';
import { getSegment, listMembers, ruleChoices } from '@/features/segments/api';
import { SegmentEditor } from '@/features/segments/segment-editor';
import { SegmentMembers } from '@/features/segments/segment-members';
import { ApiErrorState } from '@/features/shell/api-error-state';
import { PageHeader } from '@/features/shell/page-header';
import shell from '@/features/shell/shell.module.css';

interface SegmentPageProps {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ after?: string }>;
}

export async function generateMetadata({ params }: SegmentPageProps): Promise<Metadata> {
  const result = await getSegment((await params).id);
  return { title: result.ok ? result.data.name : (await getTranslations('segments'))('title') };
}

/** One segment: its rule in the builder (read-only for viewers), and its members, paged. */
export default async function SegmentPage({ params, searchParams }: SegmentPageProps) {
  const { id } = await params;
  const { after } = await searchParams;
  const t = await getTranslations('segments');
  const crumbs = [{ href: '/segments', label: t('title') }];
  const [segment, members, choices, session] = await Promise.all([
    getSegment(id),
    listMembers(id, after),
    ruleChoices(id),
    getCurrentSession(),
  ]);
  if (!segment.ok) {
    if (isMissing(segment.error)) notFound();
    return (
      <>
        <PageHeader title={t('title')} crumbs={crumbs} />
        <div className={shell.content}>
          <ApiErrorState error={segment.error} />
        </div>
      </>
    );
  }
  const editable = session.ok && canEdit(session.data.user.role);
  const { data } = segment;
  return (
    <>
      <PageHeader
        title={data.name}
        crumbs={crumbs}
        description={t('summary', {
          count: data.memberCount ?? 0,
          version: data.version,
          building: data.builtVersion === data.version ? 'no' : 'yes',
        })}
      />
      <div className={shell.content}>
        <SegmentEditor
          key={`${data.id}-${data.version}-${data.updatedAt}`}
          segment={data}
          choices={choices}
          editable={editable}
        />
        <SegmentMembers segment={data} members={members} after={after} />
      </div>
    </>
  );
}
