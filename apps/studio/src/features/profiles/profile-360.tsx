import Link from 'next/link';
import { getFormatter, getTranslations } from 'next-intl/server';
import type { ReactNode } from 'react';
import type { ApiResult } from '@/lib/api/client';
import { ApiErrorState } from '../shell/api-error-state';
import table from '../shell/table.module.css';
import ui from '../shell/ui.module.css';
import { JourneyPath } from './journey-path';
import styles from './profiles.module.css';
import type { Channel, Profile360 as Profile, ProfileEventsPage } from './types';

const CHANNELS: Channel[] = ['email', 'sms', 'push'];

function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section className={styles.section} aria-labelledby={id}>
      <h2 id={id} className={styles.sectionTitle}>
        {title}
      </h2>
      {children}
    </section>
  );
}

const shown = (value: unknown) => (typeof value === 'string' ? value : JSON.stringify(value));

function Values({ values, empty }: { values: Record<string, unknown>; empty: string }) {
  const entries = Object.entries(values);
  if (entries.length === 0) return <p className={styles.muted}>{empty}</p>;
  return (
    <dl className={styles.values}>
      {entries.map(([key, value]) => (
        <div key={key}>
          <dt>{key}</dt>
          <dd>{shown(value)}</dd>
        </div>
      ))}
    </dl>
  );
}

/** The single customer view: who, what they agreed to, what they did, where they are. */
export async function Profile360({
  profile,
  events,
  before,
}: {
  profile: Profile;
  events: ApiResult<ProfileEventsPage>;
  before?: string;
}) {
  const [t, format] = await Promise.all([getTranslations('profiles.view'), getFormatter()]);
  const when = (at: string) => format.dateTime(new Date(at), { dateStyle: 'medium', timeStyle: 'short' });
  const base = `/profiles/${encodeURIComponent(profile.id)}`;
  return (
    <div className={styles.grid}>
      <Section id="profile-identities" title={t('identities')}>
        <dl className={styles.values}>
          {profile.identities.map((identity) => (
            <div key={`${identity.kind}:${identity.value}`}>
              <dt>{identity.kind}</dt>
              <dd>{identity.value}</dd>
            </div>
          ))}
        </dl>
      </Section>

      <Section id="profile-consent" title={t('consent')}>
        <table className={table.table}>
          <caption className="visually-hidden">{t('consentCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('channel')}</th>
              <th scope="col">{t('status')}</th>
              <th scope="col">{t('since')}</th>
            </tr>
          </thead>
          <tbody>
            {CHANNELS.map((channel) => {
              const consent = profile.consents[channel];
              return (
                <tr key={channel}>
                  <th scope="row">{t(`channels.${channel}`)}</th>
                  <td>
                    <span className={styles.consent} data-status={consent?.status ?? 'none'}>
                      {t(`consentStatus.${consent?.status ?? 'none'}`)}
                    </span>
                  </td>
                  <td className={table.muted}>
                    {consent ? `${when(consent.at)}${consent.source ? ` · ${consent.source}` : ''}` : '—'}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
        <h3 className={styles.subTitle}>{t('consentHistory')}</h3>
        {profile.consentHistory.length === 0 ? (
          <p className={styles.muted}>{t('none')}</p>
        ) : (
          <ol className={styles.list} aria-label={t('consentHistory')}>
            {profile.consentHistory.map((entry) => (
              <li key={`${entry.channel}-${entry.recordedAt}-${entry.status}`}>
                {t('consentChange', {
                  channel: t(`channels.${entry.channel}`),
                  status: t(`consentStatus.${entry.status}`),
                })}
                <span className={styles.muted}>
                  {' '}
                  · {when(entry.at)}
                  {entry.source ? ` · ${entry.source}` : ''}
                </span>
              </li>
            ))}
          </ol>
        )}
      </Section>

      <Section id="profile-traits" title={t('traits')}>
        <Values values={profile.traits} empty={t('none')} />
      </Section>

      <Section id="profile-computed" title={t('computedTraits')}>
        <Values values={profile.computedTraits} empty={t('none')} />
      </Section>

      <Section id="profile-segments" title={t('segments')}>
        {profile.segments.length === 0 ? (
          <p className={styles.muted}>{t('noSegments')}</p>
        ) : (
          <ul className={styles.list}>
            {profile.segments.map((segment) => (
              <li key={segment.id}>
                <Link href={`/segments/${encodeURIComponent(segment.id)}`}>{segment.name}</Link>
                <span className={styles.muted}> · {t('memberSince', { at: when(segment.enteredAt) })}</span>
              </li>
            ))}
          </ul>
        )}
      </Section>

      <Section id="profile-journeys" title={t('journeys')}>
        {profile.journeys.length === 0 ? (
          <p className={styles.muted}>{t('noJourneys')}</p>
        ) : (
          <ul className={styles.journeys}>
            {profile.journeys.map((journey) => (
              <li key={journey.id} className={styles.journey}>
                <div className={styles.journeyHead}>
                  <Link href={`/scenarios/${encodeURIComponent(journey.scenarioId)}`}>
                    {journey.scenarioName}
                  </Link>
                  <span className={table.version}>v{journey.version}</span>
                  <span className={styles.muted}>
                    {t(`journeyStatus.${journey.status}`)}
                    {journey.exitReason ? ` (${journey.exitReason})` : ''}
                    {journey.currentStep
                      ? ` · ${t('atStep', { step: journey.currentStep.label ?? journey.currentStep.nodeType ?? journey.currentStep.nodeId })}`
                      : ''}
                    {' · '}
                    {when(journey.enteredAt)}
                  </span>
                </div>
                <JourneyPath journeyId={journey.id} scenarioName={journey.scenarioName} />
              </li>
            ))}
          </ul>
        )}
      </Section>

      <Section id="profile-messages" title={t('messages')}>
        {profile.messages.length === 0 ? (
          <p className={styles.muted}>{t('none')}</p>
        ) : (
          <ul className={styles.list}>
            {profile.messages.map((message) => (
              <li key={message.id}>
                {t(`channels.${message.channel}`)} · {message.status}
                {message.reason ? ` (${message.reason})` : ''}
                <span className={styles.muted}> · {when(message.at)}</span>
              </li>
            ))}
          </ul>
        )}
      </Section>

      <Section id="profile-timeline" title={t('timeline')}>
        {!events.ok ? (
          <ApiErrorState error={events.error} />
        ) : events.data.events.length === 0 ? (
          <p className={styles.muted}>{t('noEvents')}</p>
        ) : (
          <ol className={styles.timeline} aria-label={t('timeline')}>
            {events.data.events.map((event) => (
              <li key={event.id}>
                <span className={styles.eventName}>
                  {event.type === 'track' ? event.name : `${event.type} ${event.name}`}
                </span>
                <time dateTime={event.occurredAt} className={styles.muted}>
                  {when(event.occurredAt)}
                </time>
                {Object.keys(event.properties).length > 0 ? (
                  <code className={styles.properties}>{JSON.stringify(event.properties)}</code>
                ) : null}
              </li>
            ))}
          </ol>
        )}
        <nav aria-label={t('timelinePages')} className={styles.pager}>
          {before ? (
            <Link href={base} className={`${ui.button} ${ui.small}`}>
              {t('newest')}
            </Link>
          ) : null}
          {events.ok && events.data.nextCursor ? (
            <Link
              href={`${base}?before=${encodeURIComponent(events.data.nextCursor)}`}
              className={`${ui.button} ${ui.small}`}
            >
              {t('older')}
            </Link>
          ) : null}
        </nav>
      </Section>
    </div>
  );
}
