'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { useEffect, useMemo, useRef, useState, useTransition } from 'react';
import ui from '../shell/ui.module.css';
import { previewSegmentAction, saveSegmentAction } from './actions';
import { type BuilderContext, Group } from './rule-builder';
import {
  draftToRule,
  type GroupDraft,
  moveNode,
  type NodeDraft,
  placeErrors,
  type Rule,
  rootDraftOf,
  updateNode,
} from './rule-draft';
import styles from './segments.module.css';
import type { RuleChoices, SegmentPreview } from './types';

const PREVIEW_DELAY_MS = 400;

type PreviewState =
  | { state: 'empty' }
  | { state: 'loading'; last?: SegmentPreview }
  | { state: 'ready'; preview: SegmentPreview }
  | { state: 'failed'; message: string };

interface SegmentEditorProps {
  segment: { id: string; name: string; description: string | null; rule: Rule } | null;
  choices: RuleChoices;
  editable: boolean;
}

/** Name, description and rule of a segment, with who the rule matches as it changes. */
export function SegmentEditor({ segment, choices, editable }: SegmentEditorProps) {
  const t = useTranslations('segments.editor');
  const router = useRouter();
  const [name, setName] = useState(segment?.name ?? '');
  const [description, setDescription] = useState(segment?.description ?? '');
  const [root, setRoot] = useState<GroupDraft>(() => rootDraftOf(segment?.rule ?? null));
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [saveError, setSaveError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const [preview, setPreview] = useState<PreviewState>({ state: 'empty' });
  const [saving, startSaving] = useTransition();
  const focusNext = useRef<string | null>(null);
  const previewRun = useRef(0);

  const { rule, paths } = useMemo(() => draftToRule(root), [root]);
  const ruleJson = useMemo(() => JSON.stringify(rule), [rule]);
  const errors = useMemo(() => placeErrors(fieldErrors, paths), [fieldErrors, paths]);

  // The live preview: once the rule has settled, and only the latest answer counts.
  useEffect(() => {
    if (!editable) return;
    const current = JSON.parse(ruleJson) as Rule | null;
    const run = ++previewRun.current;
    if (!current) {
      setPreview({ state: 'empty' });
      return;
    }
    setPreview((previous) => ({
      state: 'loading',
      last:
        previous.state === 'ready'
          ? previous.preview
          : previous.state === 'loading'
            ? previous.last
            : undefined,
    }));
    const timer = setTimeout(async () => {
      const result = await previewSegmentAction(current);
      if (run !== previewRun.current) return;
      if (result.ok) {
        setPreview({ state: 'ready', preview: result.data });
        setFieldErrors((previous) => withoutRuleErrors(previous));
      } else {
        setPreview({ state: 'failed', message: result.error });
        setFieldErrors((previous) => ({ ...withoutRuleErrors(previous), ...ruleErrors(result.fields) }));
      }
    }, PREVIEW_DELAY_MS);
    return () => clearTimeout(timer);
  }, [ruleJson, editable]);

  // Focus moves to what was just added, so that keyboard users carry on from there.
  useEffect(() => {
    const id = focusNext.current;
    if (!id) return;
    focusNext.current = null;
    document
      .querySelector<HTMLElement>(`[data-node="${id}"] :is(select, input, button):not([disabled])`)
      ?.focus();
  }, [root]);

  const change = (next: GroupDraft) => {
    setRoot(next);
    setSaved(false);
  };
  const ctx: BuilderContext = {
    readOnly: !editable,
    errors,
    choices,
    update: (id, update) => change(updateNode(root, id, update)),
    move: (id, by) => change(moveNode(root, id, by)),
    add: (groupId, node: NodeDraft) => {
      focusNext.current = node.id;
      change(
        updateNode(root, groupId, (group) => ({
          ...(group as GroupDraft),
          children: [...(group as GroupDraft).children, node],
        })),
      );
    },
  };

  const save = () => {
    setSaveError(null);
    if (!rule) {
      setSaveError(t('ruleRequired'));
      return;
    }
    startSaving(async () => {
      const result = await saveSegmentAction(segment?.id ?? null, {
        name,
        description: description.trim() ? description : null,
        rule,
      });
      if (!result.ok) {
        setFieldErrors(result.fields ?? {});
        // Errors placed on a field are said there; the summary says what is left.
        setSaveError(
          result.fields && Object.keys(result.fields).length > 0 ? t('saveRefused') : result.error,
        );
        return;
      }
      setFieldErrors({});
      setSaved(true);
      if (segment) router.refresh();
      else router.push(`/segments/${encodeURIComponent(result.data.id)}`);
    });
  };

  const nameError = fieldErrors.name;
  const descriptionError = fieldErrors.description;
  return (
    <div className={styles.editor}>
      <form
        className={styles.form}
        aria-label={t('formLabel')}
        onSubmit={(event) => {
          event.preventDefault();
          save();
        }}
      >
        <div className={styles.identity}>
          {/* The error is outside the label: it must not become part of the field's accessible name. */}
          <div className={ui.field}>
            <label htmlFor="segment-name">{t('name')}</label>
            <input
              id="segment-name"
              className={ui.input}
              value={name}
              maxLength={200}
              required
              readOnly={!editable}
              onChange={(e) => {
                setName(e.target.value);
                setSaved(false);
              }}
              aria-invalid={nameError ? true : undefined}
              aria-describedby={nameError ? 'segment-name-error' : undefined}
            />
            {nameError ? (
              <span id="segment-name-error" className={ui.error}>
                {nameError}
              </span>
            ) : null}
          </div>
          <label className={ui.field}>
            <span>{t('description')}</span>
            <input
              className={ui.input}
              value={description}
              maxLength={2000}
              readOnly={!editable}
              onChange={(e) => {
                setDescription(e.target.value);
                setSaved(false);
              }}
              aria-invalid={descriptionError ? true : undefined}
              aria-describedby={descriptionError ? 'segment-description-error' : undefined}
            />
            {descriptionError ? (
              <span id="segment-description-error" className={ui.error}>
                {descriptionError}
              </span>
            ) : null}
          </label>
        </div>

        <section aria-label={t('ruleSection')} className={styles.ruleSection}>
          <h2 className={styles.sectionTitle}>{t('ruleSection')}</h2>
          <Group node={root} number="" index={0} siblings={1} ctx={ctx} />
        </section>

        {editable ? (
          <div className={styles.saveBar}>
            <button type="submit" className={`${ui.button} ${ui.primary}`} disabled={saving}>
              {saving ? t('saving') : segment ? t('save') : t('create')}
            </button>
            <span role="status" className={styles.muted}>
              {saved ? t('saved') : ''}
            </span>
            {saveError ? (
              <p role="alert" className={ui.error}>
                {saveError}
              </p>
            ) : null}
          </div>
        ) : null}
      </form>

      {editable ? <PreviewPanel preview={preview} /> : null}
    </div>
  );
}

function ruleErrors(fields: Record<string, string> | undefined): Record<string, string> {
  return Object.fromEntries(Object.entries(fields ?? {}).filter(([path]) => isRulePath(path)));
}

function withoutRuleErrors(fields: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(fields).filter(([path]) => !isRulePath(path)));
}

const isRulePath = (path: string) => path === 'rule' || path.startsWith('rule.');

function PreviewPanel({ preview }: { preview: PreviewState }) {
  const t = useTranslations('segments.preview');
  const shown =
    preview.state === 'ready' ? preview.preview : preview.state === 'loading' ? preview.last : undefined;
  return (
    <aside className={styles.preview} aria-label={t('title')} aria-busy={preview.state === 'loading'}>
      <h2 className={styles.sectionTitle}>{t('title')}</h2>
      <p role="status" aria-live="polite" className={styles.count}>
        {preview.state === 'empty'
          ? t('empty')
          : preview.state === 'failed'
            ? t('failed')
            : shown
              ? t('count', { count: shown.count })
              : t('loading')}
      </p>
      {preview.state === 'failed' ? <p className={ui.error}>{preview.message}</p> : null}
      {shown && preview.state !== 'failed' ? (
        <>
          <p className={styles.muted}>{t('took', { ms: shown.tookMs })}</p>
          {shown.sample.length > 0 ? (
            <>
              <h3 className={styles.subTitle}>{t('sample')}</h3>
              <ul className={styles.sample} aria-label={t('sample')}>
                {shown.sample.map((profile) => (
                  <li key={profile.profileId}>
                    <Link href={`/profiles/${encodeURIComponent(profile.profileId)}`}>
                      {profile.email ?? profile.userId ?? profile.profileId}
                    </Link>
                    {profile.email && profile.userId ? (
                      <span className={styles.muted}> · {profile.userId}</span>
                    ) : null}
                  </li>
                ))}
              </ul>
            </>
          ) : null}
        </>
      ) : null}
    </aside>
  );
}
