'use client';

import { useTranslations } from 'next-intl';
import { useActionState, useState } from 'react';
import { Dialog } from '../shell/dialog';
import ui from '../shell/ui.module.css';
import { createTemplateAction, type CreateTemplateState } from './actions';
import { TEMPLATE_CHANNELS } from './types';

export function NewTemplateButton() {
  const t = useTranslations('templates.create');
  const tc = useTranslations('templates.channels');
  const [open, setOpen] = useState(false);
  const [state, action, pending] = useActionState<CreateTemplateState, FormData>(createTemplateAction, {});
  return (
    <>
      <button type="button" className={`${ui.button} ${ui.primary}`} onClick={() => setOpen(true)}>
        {t('open')}
      </button>
      <form action={action}>
        <Dialog
          open={open}
          onClose={() => setOpen(false)}
          title={t('title')}
          actions={
            <>
              <button type="button" className={ui.button} onClick={() => setOpen(false)}>
                {t('cancel')}
              </button>
              <button type="submit" className={`${ui.button} ${ui.primary}`} disabled={pending}>
                {pending ? t('creating') : t('submit')}
              </button>
            </>
          }
        >
          <label className={ui.field}>
            <span>{t('name')}</span>
            <input
              name="name"
              className={ui.input}
              maxLength={200}
              required
              autoFocus
              defaultValue={state.name}
              aria-invalid={state.error ? true : undefined}
              aria-describedby={state.error ? 'new-template-error' : undefined}
            />
          </label>
          <label className={ui.field}>
            <span>{t('channel')}</span>
            <select name="channel" className={ui.input} defaultValue={state.channel ?? 'email'}>
              {TEMPLATE_CHANNELS.map((channel) => (
                <option key={channel} value={channel}>
                  {tc(channel)}
                </option>
              ))}
            </select>
          </label>
          {state.error ? (
            <p id="new-template-error" role="alert" className={ui.error}>
              {state.error}
            </p>
          ) : null}
        </Dialog>
      </form>
    </>
  );
}
