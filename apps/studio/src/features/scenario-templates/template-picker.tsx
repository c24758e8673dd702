'use client';

import { useTranslations } from 'next-intl';
import { useActionState, useCallback, useId, useState } from 'react';
import { Dialog } from '../shell/dialog';
import ui from '../shell/ui.module.css';
import { importScenarioTemplateAction, type ImportTemplateState } from './actions';
import type { ScenarioTemplateSummary } from './types';
import styles from './scenario-templates.module.css';

interface TemplatePickerProps {
  templates: ScenarioTemplateSummary[];
  /** Why the list could not be read, if it could not. */
  loadError: string | null;
}

/** Templates by brand, in the API's order. */
function byBrand(templates: ScenarioTemplateSummary[]): [string, ScenarioTemplateSummary[]][] {
  const groups = new Map<string, ScenarioTemplateSummary[]>();
  for (const template of templates)
    groups.set(template.brand, [...(groups.get(template.brand) ?? []), template]);
  return [...groups];
}

/**
 * "Start from a template": the ready-made scenarios by brand, each with what importing it sets up;
 * choosing one makes a new draft (with its segments and computed traits) and opens it.
 */
export function TemplatePicker({ templates, loadError }: TemplatePickerProps) {
  const t = useTranslations('scenarioTemplates');
  const base = useId();
  const [open, setOpen] = useState(false);
  const [chosen, setChosen] = useState<string | null>(null);
  const [state, action, pending] = useActionState<ImportTemplateState, FormData>(
    importScenarioTemplateAction,
    {},
  );
  const close = () => setOpen(false);
  // The list scrolls: a message is brought into view where it appears.
  const reveal = useCallback(
    (element: HTMLElement | null) => element?.scrollIntoView({ block: 'nearest' }),
    [],
  );
  return (
    <>
      <button type="button" className={ui.button} onClick={() => setOpen(true)}>
        {t('open')}
      </button>
      <form action={action}>
        <Dialog
          open={open}
          onClose={close}
          title={t('title')}
          wide
          actions={
            <button type="button" className={ui.button} onClick={close}>
              {t('close')}
            </button>
          }
        >
          <p className={styles.intro}>{t('intro')}</p>
          {loadError ? (
            <p role="alert" className={ui.error}>
              {t('loadFailed', { message: loadError })}
            </p>
          ) : null}
          <div className={styles.groups}>
            {byBrand(templates).map(([brand, list], index) => (
              <section key={brand} className={styles.group} aria-labelledby={`${base}-brand-${index}`}>
                <h3 id={`${base}-brand-${index}`} className={styles.brand}>
                  {brand}
                </h3>
                <ul className={styles.list}>
                  {list.map((template) => {
                    const nameId = `${base}-${template.id}`;
                    const errorId = `${base}-${template.id}-error`;
                    const failed = state.error && state.templateId === template.id;
                    return (
                      <li key={template.id} className={styles.card}>
                        <div className={styles.text}>
                          <h4 id={nameId} className={styles.name}>
                            {template.name}
                          </h4>
                          <p className={styles.description}>{template.description}</p>
                          <SetsUp template={template} />
                          <p className={styles.source}>{template.source}</p>
                          {failed ? (
                            <p id={errorId} role="alert" className={ui.error} ref={reveal}>
                              {state.error}
                            </p>
                          ) : null}
                        </div>
                        <button
                          type="submit"
                          name="template"
                          value={template.id}
                          className={`${ui.button} ${ui.primary} ${ui.small}`}
                          aria-label={t('useLabel', { name: template.name })}
                          aria-describedby={failed ? errorId : undefined}
                          disabled={pending}
                          onClick={() => setChosen(template.id)}
                        >
                          {pending && chosen === template.id ? t('importing') : t('use')}
                        </button>
                      </li>
                    );
                  })}
                </ul>
              </section>
            ))}
          </div>
        </Dialog>
      </form>
    </>
  );
}

/** The segments and computed traits the import creates (or reuses when the workspace has them). */
function SetsUp({ template }: { template: ScenarioTemplateSummary }) {
  const t = useTranslations('scenarioTemplates');
  const items = [
    ...template.segments.map((name) => ({ key: `segment:${name}`, kind: t('segment'), name })),
    ...template.computedTraits.map((name) => ({ key: `trait:${name}`, kind: t('computedTrait'), name })),
  ];
  if (items.length === 0) return <p className={styles.setsUpNone}>{t('setsUpNothing')}</p>;
  return (
    <div className={styles.setsUp}>
      <span className={styles.setsUpLabel}>{t('setsUp')}</span>
      <ul className={styles.chips}>
        {items.map((item) => (
          <li key={item.key} className={styles.chip}>
            <span className={styles.chipKind}>{item.kind}</span> {item.name}
          </li>
        ))}
      </ul>
    </div>
  );
}
