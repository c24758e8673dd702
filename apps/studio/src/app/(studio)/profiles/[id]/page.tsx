import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { getCurrentSession } from '@/features/auth/session';
import { getProfile, listProfileEvents } from '@/features/profiles/api';
import { EraseProfileButton } from '@/features/profiles/erase-profile-button';
import { Profile360 } from '@/features/profiles/profile-360';
import { isMissing } from '@/features/scenarios/api';
import { ApiErrorState } from '@/features/shell/api-error-state';
import { PageHeader } from '@/features/shell/page-header';
import shell from '@/features/shell/shell.module.css';
import ui from '@/features/shell/ui.module.css';

interface ProfilePageProps {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ before?: string }>;
}

const labelOf = (p: { email: string | null; userId: string | null; phone: string | null; id: string }) =>
  p.email ?? p.userId ?? p.phone ?? p.id;

export async function generateMetadata({ params }: ProfilePageProps): Promise<Metadata> {
  const result = await getProfile((await params).id);
  return { title: result.ok ? labelOf(result.data) : (await getTranslations('profiles'))('title') };
}

/** The profile 360; admins also get the GDPR export and erasure. */
export default async function ProfilePage({ params, searchParams }: ProfilePageProps) {
  const { id } = await params;
  const { before } = await searchParams;
  const t = await getTranslations('profiles');
  const crumbs = [{ href: '/profiles', label: t('title') }];
  const [profile, events, session] = await Promise.all([
    getProfile(id),
    listProfileEvents(id, before),
    getCurrentSession(),
  ]);
  if (!profile.ok) {
    if (isMissing(profile.error)) notFound();
    return (
      <>
        <PageHeader title={t('title')} crumbs={crumbs} />
        <div className={shell.content}>
          <ApiErrorState error={profile.error} />
        </div>
      </>
    );
  }
  const admin = session.ok && session.data.user.role === 'admin';
  const label = labelOf(profile.data);
  return (
    <>
      <PageHeader
        title={label}
        crumbs={crumbs}
        description={t('view.summary', {
          userId: profile.data.userId ?? '—',
          created: profile.data.createdAt.slice(0, 10),
        })}
        actions={
          admin ? (
            <>
              <a
                href={`/profiles/${encodeURIComponent(profile.data.id)}/export`}
                className={ui.button}
                download
              >
                {t('export')}
              </a>
              <EraseProfileButton profileId={profile.data.id} label={label} />
            </>
          ) : null
        }
      />
      <div className={shell.content}>
        <Profile360 profile={profile.data} events={events} before={before} />
      </div>
    </>
  );
}
