'use client';

import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { useEffect, useId, useMemo, useState, useTransition } from 'react';
import { ProfilePicker } from '../profile-picker/profile-picker';
import { type PickedProfile, profileName } from '../profile-picker/types';
import ui from '../shell/ui.module.css';
import { countSmsSegmentsAction, previewTemplateAction, saveTemplateAction } from './actions';
import {
  type BodyFormat,
  bodyFormatOf,
  emailContent,
  type FieldProblem,
  fieldProblems,
} from './template-content';
import { SourceField } from './source-field';
import type { RenderedMessage, SmsSegmentCount, Template, TemplateContent } from './types';
import styles from './templates.module.css';

const PREVIEW_DELAY_MS = 500;
const WIDTHS = { desktop: 640, mobile: 375 } as const;
const PREVIEW_WIDTHS = ['desktop', 'mobile'] as const;
const BODY_FORMATS: readonly BodyFormat[] = ['mjml', 'html'];

interface TemplateEditorProps {
  template: Template;
  latestVersion: number;
  /** Viewers read; only editors save and preview (both are writes for the API's roles). */
  editable: boolean;
}

type Fields = Record<
  | 'name'
  | 'subject'
  | 'preheader'
  | 'body'
  | 'text'
  | 'fromName'
  | 'fromEmail'
  | 'replyTo'
  | 'title'
  | 'icon'
  | 'url',
  string
>;

function fieldsOf(template: Template): Fields {
  const c = template.content as unknown as Record<string, string | undefined>;
  return {
    name: template.name,
    subject: c.subject ?? '',
    preheader: c.preheader ?? '',
    body: c.channel === 'email' ? (c.mjml ?? c.html ?? '') : (c.body ?? ''),
    text: c.text ?? '',
    fromName: c.fromName ?? '',
    fromEmail: c.fromEmail ?? '',
    replyTo: c.replyTo ?? '',
    title: c.title ?? '',
    icon: c.icon ?? '',
    url: c.url ?? '',
  };
}

function contentOf(channel: Template['channel'], fields: Fields, format: BodyFormat): TemplateContent {
  switch (channel) {
    case 'email':
      return emailContent(fields, format);
    case 'sms':
      return { channel, body: fields.body };
    case 'push':
      return {
        channel,
        title: fields.title,
        body: fields.body,
        ...(fields.icon.trim() ? { icon: fields.icon } : {}),
        ...(fields.url.trim() ? { url: fields.url } : {}),
      };
  }
}

/** Edits a template's source with a live preview for a chosen customer; each save is a new version. */
export function TemplateEditor({ template, latestVersion, editable }: TemplateEditorProps) {
  const t = useTranslations('templates.editor');
  const router = useRouter();
  const channel = template.channel;
  const [fields, setFields] = useState(() => fieldsOf(template));
  const [format, setFormat] = useState<BodyFormat>(() =>
    template.content.channel === 'email' ? bodyFormatOf(template.content) : 'html',
  );
  // Compared through the same builder as the draft, so key order never makes a saved form dirty.
  const [saved, setSaved] = useState(() =>
    JSON.stringify({ name: template.name, content: contentOf(channel, fieldsOf(template), format) }),
  );
  const content = useMemo(() => contentOf(channel, fields, format), [channel, fields, format]);
  const current = JSON.stringify({ name: fields.name.trim(), content });
  const dirty = current !== saved;

  const [problems, setProblems] = useState<Record<string, FieldProblem>>({});
  const [error, setError] = useState<string | null>(null);
  const [announcement, setAnnouncement] = useState('');
  const [saving, startSaving] = useTransition();
  const [profile, setProfile] = useState<PickedProfile | null>(null);
  const [rendered, setRendered] = useState<RenderedMessage | null>(null);
  const [previewing, setPreviewing] = useState(false);
  const [width, setWidth] = useState<keyof typeof WIDTHS>('desktop');

  /** What a source field of the form needs: its value, how to change it, its problem. */
  const bound = (key: keyof Fields) => ({
    value: fields[key],
    onChange: (value: string) => setFields((f) => ({ ...f, [key]: value })),
    problem: problems[key],
    readOnly: !editable,
  });

  // ---- live preview: the draft rendered for the customer, once typing settles -----------------
  const contentJson = JSON.stringify(content);
  useEffect(() => {
    if (!profile || !editable) return;
    let cancelled = false;
    const timer = setTimeout(async () => {
      setPreviewing(true);
      const result = await previewTemplateAction(profile.id, JSON.parse(contentJson) as TemplateContent);
      if (cancelled) return;
      setPreviewing(false);
      if (result.ok) {
        setRendered(result.data);
        setProblems({});
        setError(null);
      } else {
        setProblems(fieldProblems(result.fields));
        setError(result.fields && Object.keys(result.fields).length > 0 ? null : result.error);
      }
    }, PREVIEW_DELAY_MS);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [profile, contentJson, editable]);

  // ---- SMS: what the text costs ------------------------------------------------------------------
  const smsText = channel === 'sms' ? fields.body : null;
  const renderedSms = rendered?.channel === 'sms' ? rendered.body : null;
  const [sourceCount, setSourceCount] = useState<SmsSegmentCount | null>(null);
  const [renderedCount, setRenderedCount] = useState<SmsSegmentCount | null>(null);
  useEffect(() => {
    if (smsText === null || !editable) return;
    const timer = setTimeout(async () => {
      const [source, forProfile] = await Promise.all([
        countSmsSegmentsAction(smsText),
        renderedSms === null ? null : countSmsSegmentsAction(renderedSms),
      ]);
      setSourceCount(source.ok ? source.data : null);
      setRenderedCount(forProfile?.ok ? forProfile.data : null);
    }, 250);
    return () => clearTimeout(timer);
  }, [smsText, renderedSms, editable]);

  // ---- saving: a new version -----------------------------------------------------------------------
  const save = () =>
    startSaving(async () => {
      const savedNow = current;
      const before = JSON.parse(saved) as { name: string; content: TemplateContent };
      const result = await saveTemplateAction(template.id, {
        ...(fields.name.trim() !== before.name ? { name: fields.name.trim() } : {}),
        ...(JSON.stringify(content) !== JSON.stringify(before.content) ? { content } : {}),
      });
      if (!result.ok) {
        const byField = fieldProblems(result.fields);
        setProblems(byField);
        setError(Object.keys(byField).length > 0 ? t('saveFailedFields') : result.error);
        setAnnouncement(t('saveFailedFields'));
        return;
      }
      setProblems({});
      setError(null);
      setSaved(savedNow);
      setAnnouncement(t('savedVersion', { version: result.data.version }));
      router.replace(`/templates/${encodeURIComponent(template.id)}`);
      router.refresh();
    });

  const shownVersion = template.version;
  return (
    <div className={styles.editor}>
      <div className={styles.toolbar} role="toolbar" aria-label={t('toolbar')}>
        <label className={styles.inline}>
          <span>{t('version')}</span>
          <select
            className={`${ui.input} ${styles.select}`}
            value={shownVersion}
            onChange={(event) => {
              const version = Number(event.target.value);
              router.push(
                `/templates/${encodeURIComponent(template.id)}${version === latestVersion ? '' : `?version=${version}`}`,
              );
            }}
          >
            {Array.from({ length: latestVersion }, (_, i) => latestVersion - i).map((v) => (
              <option key={v} value={v}>
                {v === latestVersion ? t('latest', { version: v }) : `v${v}`}
              </option>
            ))}
          </select>
        </label>
        {shownVersion < latestVersion ? (
          <p className={styles.notice}>
            {t('olderVersion', { version: shownVersion, next: latestVersion + 1 })}
          </p>
        ) : null}
        <span className={styles.spacer} />
        {editable ? (
          <>
            <p className={styles.status} role="status">
              {saving ? t('saving') : dirty ? t('unsaved') : t('saved', { version: shownVersion })}
            </p>
            <button
              type="button"
              className={`${ui.button} ${ui.primary}`}
              disabled={!dirty || saving}
              onClick={save}
            >
              {t('save', { version: latestVersion + 1 })}
            </button>
          </>
        ) : (
          <p className={styles.status}>{t('readOnly')}</p>
        )}
      </div>
      {error ? (
        <p className={styles.formError} role="alert">
          {error}
        </p>
      ) : null}

      <div className={styles.split}>
        <section className={styles.form} aria-label={t('content')}>
          <SourceField label={t('name')} {...bound('name')} singleLine />
          {channel === 'email' ? (
            <>
              <SourceField label={t('subject')} {...bound('subject')} singleLine />
              <SourceField
                label={t('preheader')}
                {...bound('preheader')}
                singleLine
                hint={t('preheaderHint')}
              />
              <RadioRow
                legend={t('format')}
                options={BODY_FORMATS}
                value={format}
                optionLabel={(f) => t(`formats.${f}`)}
                onChange={setFormat}
                disabled={!editable}
              />
              <SourceField label={t(`body.${format}`)} {...bound('body')} rows={16} code />
              <SourceField label={t('text')} {...bound('text')} rows={4} hint={t('textHint')} />
              <fieldset className={styles.sender}>
                <legend>{t('sender')}</legend>
                <SourceField label={t('fromName')} {...bound('fromName')} singleLine />
                <SourceField label={t('fromEmail')} {...bound('fromEmail')} singleLine />
                <SourceField label={t('replyTo')} {...bound('replyTo')} singleLine />
              </fieldset>
            </>
          ) : channel === 'sms' ? (
            <>
              <SourceField label={t('smsBody')} {...bound('body')} rows={6} code />
              {sourceCount ? (
                <p className={styles.counter} role="status" aria-label={t('smsCountLabel')}>
                  {t('smsCount', { ...sourceCount })}
                </p>
              ) : null}
            </>
          ) : (
            <>
              <SourceField label={t('pushTitle')} {...bound('title')} singleLine />
              <SourceField label={t('pushBody')} {...bound('body')} rows={4} />
              <SourceField label={t('pushIcon')} {...bound('icon')} singleLine />
              <SourceField label={t('pushUrl')} {...bound('url')} singleLine />
            </>
          )}
          <p className={styles.hint}>{t('liquidHint')}</p>
        </section>

        <section className={styles.preview} aria-label={t('preview')}>
          <h2 className={styles.previewTitle}>{t('preview')}</h2>
          {editable ? (
            <ProfilePicker label={t('previewFor')} profile={profile} onPick={setProfile} />
          ) : (
            <p className={styles.hint}>{t('previewEditorsOnly')}</p>
          )}
          {channel === 'email' ? (
            <RadioRow
              legend={t('width')}
              options={PREVIEW_WIDTHS}
              value={width}
              optionLabel={(w) => t(`widths.${w}`, { px: WIDTHS[w] })}
              onChange={setWidth}
            />
          ) : null}
          {profile && rendered ? (
            <div className={styles.rendered} data-stale={previewing || undefined} aria-busy={previewing}>
              {rendered.channel === 'email' ? (
                <>
                  <dl className={styles.envelope}>
                    <dt>{t('subject')}</dt>
                    <dd data-testid="preview-subject">{rendered.subject}</dd>
                    {rendered.preheader ? (
                      <>
                        <dt>{t('preheader')}</dt>
                        <dd>{rendered.preheader}</dd>
                      </>
                    ) : null}
                  </dl>
                  <iframe
                    className={styles.frame}
                    style={{ width: WIDTHS[width] }}
                    title={t('frameTitle', { name: profileName(profile) })}
                    sandbox=""
                    srcDoc={rendered.html ?? `<pre>${escapeHtml(rendered.text ?? '')}</pre>`}
                  />
                </>
              ) : rendered.channel === 'sms' ? (
                <>
                  <p
                    className={styles.bubble}
                    aria-label={t('smsPreviewLabel', { name: profileName(profile) })}
                  >
                    {rendered.body}
                  </p>
                  {renderedCount ? (
                    <p className={styles.counter}>
                      {t('smsCountFor', { ...renderedCount, name: profileName(profile) })}
                    </p>
                  ) : null}
                </>
              ) : (
                <div
                  className={styles.notification}
                  role="group"
                  aria-label={t('pushPreviewLabel', { name: profileName(profile) })}
                >
                  <strong>{rendered.title}</strong>
                  <span>{rendered.body}</span>
                  {rendered.url ? <span className={styles.muted}>{rendered.url}</span> : null}
                </div>
              )}
            </div>
          ) : editable ? (
            <p className={styles.hint}>{profile ? t('previewLoading') : t('pickCustomer')}</p>
          ) : null}
        </section>
      </div>
      <p className="visually-hidden" role="status" aria-live="polite">
        {announcement}
      </p>
    </div>
  );
}

/** Radio buttons in a row under their legend (the body's format, the preview's width). */
function RadioRow<V extends string>({
  legend,
  options,
  value,
  optionLabel,
  onChange,
  disabled,
}: {
  legend: string;
  options: readonly V[];
  value: NoInfer<V>;
  optionLabel(option: V): string;
  onChange(option: NoInfer<V>): void;
  disabled?: boolean;
}) {
  const name = useId();
  return (
    <fieldset className={styles.formats} disabled={disabled}>
      <legend>{legend}</legend>
      {options.map((option) => (
        <label key={option}>
          <input
            type="radio"
            name={name}
            value={option}
            checked={value === option}
            onChange={() => onChange(option)}
          />
          {optionLabel(option)}
        </label>
      ))}
    </fieldset>
  );
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
