'use client';

import { useActionState } from 'react';
import { useTranslations } from 'next-intl';
import { signInAction, type SignInState } from './actions';
import styles from './auth.module.css';

export function SignInForm({ next }: { next: string }) {
  const t = useTranslations('signIn');
  const [state, action, pending] = useActionState<SignInState, FormData>(signInAction, {});
  return (
    <form action={action} className={styles.form} noValidate>
      <input type="hidden" name="next" value={next} />
      <label className={styles.field}>
        <span>{t('email')}</span>
        <input
          name="email"
          type="email"
          autoComplete="username"
          required
          defaultValue={state.email}
          aria-invalid={state.invalid || undefined}
          aria-describedby={state.error ? 'sign-in-error' : undefined}
          className={styles.input}
        />
      </label>
      <label className={styles.field}>
        <span>{t('password')}</span>
        <input
          name="password"
          type="password"
          autoComplete="current-password"
          required
          aria-invalid={state.invalid || undefined}
          aria-describedby={state.error ? 'sign-in-error' : undefined}
          className={styles.input}
        />
      </label>
      {state.error ? (
        <p id="sign-in-error" role="alert" className={styles.error}>
          {state.error}
        </p>
      ) : null}
      <button type="submit" className={styles.primary} disabled={pending}>
        {pending ? t('submitting') : t('submit')}
      </button>
    </form>
  );
}
