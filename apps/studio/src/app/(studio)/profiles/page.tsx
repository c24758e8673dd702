import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { findProfile } from '@/features/profiles/api';
import { ProfileSearch } from '@/features/profiles/profile-search';
import { SEARCH_KINDS, type SearchKind } from '@/features/profiles/types';
import { ApiErrorState } from '@/features/shell/api-error-state';
import { Notice } from '@/features/shell/notice';
import { PageHeader } from '@/features/shell/page-header';
import shell from '@/features/shell/shell.module.css';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('profiles'))('title') };
}

interface ProfilesPageProps {
  searchParams: Promise<{ kind?: string; value?: string; erased?: string }>;
}

/** Search by an identifier; a match opens the profile's 360 view. */
export default async function ProfilesPage({ searchParams }: ProfilesPageProps) {
  const params = await searchParams;
  const t = await getTranslations('profiles');
  const kind: SearchKind = SEARCH_KINDS.includes(params.kind as SearchKind)
    ? (params.kind as SearchKind)
    : 'email';
  const value = (params.value ?? '').trim();
  const result = value ? await findProfile(kind, value) : null;
  if (result?.ok) redirect(`/profiles/${encodeURIComponent(result.data.id)}`);
  const error = result && !result.ok ? result.error : null;
  return (
    <>
      <PageHeader title={t('title')} description={t('description')} />
      <div className={shell.content}>
        {params.erased ? (
          <Notice role="status" title={t('erase.done')}>
            <p>{t('erase.doneBody')}</p>
          </Notice>
        ) : null}
        <ProfileSearch
          kind={kind}
          value={value}
          error={error?.kind === 'invalid' ? (error.errors[0]?.message ?? error.message) : undefined}
        />
        {error?.kind === 'not-found' ? (
          <Notice tone="warning" role="status" title={t('search.notFoundTitle')}>
            <p>{t('search.notFound', { kind: t(`search.kinds.${kind}`), value })}</p>
          </Notice>
        ) : error && error.kind !== 'invalid' ? (
          <ApiErrorState error={error} />
        ) : null}
      </div>
    </>
  );
}
