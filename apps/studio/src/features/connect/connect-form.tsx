'use client';

import { useActionState } from 'react';
import { connectAction, type ConnectState } from './actions';
import styles from './connect.module.css';

export function ConnectForm() {
  const [state, formAction, pending] = useActionState<ConnectState, FormData>(connectAction, {});
  return (
    <form action={formAction} className={styles.form}>
      <label htmlFor="api-key" className={styles.label}>
        Admin API key
      </label>
      <input
        id="api-key"
        name="key"
        type="password"
        autoComplete="off"
        spellCheck={false}
        required
        placeholder="Paste the admin key"
        className={styles.input}
        aria-invalid={state.error ? true : undefined}
        aria-describedby={state.error ? 'api-key-error' : 'api-key-hint'}
      />
      {state.error ? (
        <p id="api-key-error" role="alert" className={styles.error}>
          {state.error}
        </p>
      ) : (
        <p id="api-key-hint" className={styles.hint}>
          Kept in an httpOnly cookie of this browser; it overrides the key the studio was started with.
        </p>
      )}
      <div>
        <button type="submit" className={styles.primary} disabled={pending}>
          {pending ? 'Checking…' : 'Connect'}
        </button>
      </div>
    </form>
  );
}
