'use client';

import { useTranslations } from 'next-intl';
import { type ReactNode, useActionState, useId, useState } from 'react';
import { Dialog } from './dialog';
import ui from './ui.module.css';

/** What a create action answers when it refuses: why, and what was typed, to show it again. */
export interface CreateWithNameState {
  error?: string;
  name?: string;
}

interface CreateWithNameButtonProps<State extends CreateWithNameState> {
  /** Where the texts are: `open`, `title`, `name`, `cancel`, `submit`, `creating`. */
  messages: string;
  /** A server action that goes to what it created, or answers why it did not. */
  action(state: State, form: FormData): Promise<State>;
  /** Fields after the name, given what was typed before a refusal. */
  moreFields?(state: State): ReactNode;
}

/** A primary button opening a dialog that creates something from its name (and a few more fields). */
export function CreateWithNameButton<State extends CreateWithNameState>({
  messages,
  action,
  moreFields,
}: CreateWithNameButtonProps<State>) {
  const t = useTranslations(messages);
  const [open, setOpen] = useState(false);
  const [state, formAction, pending] = useActionState<State, FormData>(action, {} as Awaited<State>);
  const errorId = useId();
  return (
    <>
      <button type="button" className={`${ui.button} ${ui.primary}`} onClick={() => setOpen(true)}>
        {t('open')}
      </button>
      <form action={formAction}>
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
              aria-describedby={state.error ? errorId : undefined}
            />
          </label>
          {moreFields?.(state)}
          {state.error ? (
            <p id={errorId} role="alert" className={ui.error}>
              {state.error}
            </p>
          ) : null}
        </Dialog>
      </form>
    </>
  );
}
