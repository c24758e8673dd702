import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import type { ApiResult } from '@/lib/api/client';
import { ApiErrorState } from '../shell/api-error-state';
import { DataTable } from '../shell/data-table';
import { DateTime } from '../shell/date-time';
import table from '../shell/table.module.css';
import ui from '../shell/ui.module.css';
import styles from './segments.module.css';
import type { Segment, SegmentMembersPage } from './types';

/** The current members, 50 a page (keyset: `?after=` the previous page's cursor), and the CSV. */
export async function SegmentMembers({
  segment,
  members,
  after,
}: {
  segment: Segment;
  members: ApiResult<SegmentMembersPage>;
  after?: string;
}) {
  const t = await getTranslations('segments.members');
  const base = `/segments/${encodeURIComponent(segment.id)}`;
  return (
    <section className={styles.members} aria-labelledby="segment-members-title">
      <div className={styles.membersHead}>
        <h2 id="segment-members-title" className={styles.sectionTitle}>
          {t('title', { count: segment.memberCount ?? 0 })}
        </h2>
        <a href={`${base}/members.csv`} className={`${ui.button} ${ui.small}`} download>
          {t('csv')}
        </a>
      </div>
      {!members.ok ? (
        <ApiErrorState error={members.error} />
      ) : members.data.members.length === 0 ? (
        <p className={styles.muted}>{after ? t('noMore') : t('none')}</p>
      ) : (
        <DataTable
          caption={t('caption')}
          rows={members.data.members}
          rowKey={(member) => member.profileId}
          columns={[
            {
              header: t('profile'),
              cell: (member) => (
                <Link href={`/profiles/${encodeURIComponent(member.profileId)}`}>
                  {member.email ?? member.userId ?? member.profileId}
                </Link>
              ),
            },
            { header: t('userId'), className: table.muted, cell: (member) => member.userId ?? '—' },
            {
              header: t('since'),
              className: table.muted,
              cell: (member) => (
                <>
                  <DateTime value={member.enteredAt} />
                  {' · '}v{member.segmentVersion}
                </>
              ),
            },
          ]}
        />
      )}
      <nav aria-label={t('pages')} className={styles.pager}>
        {after ? (
          <Link href={base} className={`${ui.button} ${ui.small}`}>
            {t('first')}
          </Link>
        ) : null}
        {members.ok && members.data.nextCursor ? (
          <Link
            href={`${base}?after=${encodeURIComponent(members.data.nextCursor)}`}
            className={`${ui.button} ${ui.small}`}
          >
            {t('next')}
          </Link>
        ) : null}
      </nav>
    </section>
  );
}
