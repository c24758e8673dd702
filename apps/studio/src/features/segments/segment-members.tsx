import Link from 'next/link';
import { getFormatter, getTranslations } from 'next-intl/server';
import type { ApiResult } from '@/lib/api/client';
import { ApiErrorState } from '../shell/api-error-state';
import ui from '../shell/ui.module.css';
import table from '../scenarios/scenarios.module.css';
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
  const [t, format] = await Promise.all([getTranslations('segments.members'), getFormatter()]);
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
        <div className={table.card}>
          <table className={table.table}>
            <caption className="visually-hidden">{t('caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('profile')}</th>
                <th scope="col">{t('userId')}</th>
                <th scope="col">{t('since')}</th>
              </tr>
            </thead>
            <tbody>
              {members.data.members.map((member) => (
                <tr key={member.profileId}>
                  <th scope="row" className={table.name}>
                    <Link href={`/profiles/${encodeURIComponent(member.profileId)}`}>
                      {member.email ?? member.userId ?? member.profileId}
                    </Link>
                  </th>
                  <td className={table.muted}>{member.userId ?? '—'}</td>
                  <td className={table.muted}>
                    {format.dateTime(new Date(member.enteredAt), { dateStyle: 'medium', timeStyle: 'short' })}
                    {' · '}v{member.segmentVersion}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
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
