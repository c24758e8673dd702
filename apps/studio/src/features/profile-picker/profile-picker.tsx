'use client';

import { useTranslations } from 'next-intl';
import { type FormEvent, useId, useState, useTransition } from 'react';
import ui from '../shell/ui.module.css';
import { findProfileAction } from './actions';
import { type PickedProfile, profileName } from './types';
import styles from './profile-picker.module.css';

interface ProfilePickerProps {
  /** Accessible name of the search field, e.g. "Customer to test". */
  label: string;
  profile: PickedProfile | null;
  onPick(profile: PickedProfile | null): void;
}

/** Finds a customer by identifier (userId, email, phone, `kind:value`) and shows who was picked. */
export function ProfilePicker({ label, profile, onPick }: ProfilePickerProps) {
  const t = useTranslations('profilePicker');
  const [typed, setTyped] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const hintId = useId();
  const errorId = useId();

  const find = (event: FormEvent) => {
    event.preventDefault();
    startTransition(async () => {
      const result = await findProfileAction(typed);
      if (result.ok) {
        setError(null);
        onPick(result.data);
      } else {
        setError(result.error);
        onPick(null);
      }
    });
  };

  return (
    <div className={styles.picker}>
      <form role="search" aria-label={label} className={styles.search} onSubmit={find}>
        <label className={ui.field}>
          <span>{label}</span>
          <input
            className={ui.input}
            type="search"
            value={typed}
            onChange={(event) => setTyped(event.target.value)}
            placeholder={t('placeholder')}
            aria-describedby={error ? `${errorId} ${hintId}` : hintId}
            aria-invalid={error ? true : undefined}
            autoComplete="off"
            spellCheck={false}
          />
        </label>
        <button type="submit" className={`${ui.button} ${ui.small}`} disabled={pending || !typed.trim()}>
          {pending ? t('finding') : t('find')}
        </button>
      </form>
      <p id={hintId} className={styles.hint}>
        {t('hint')}
      </p>
      {error ? (
        <p id={errorId} className={styles.error} role="alert">
          {error}
        </p>
      ) : null}
      {profile ? (
        <p className={styles.picked} role="status">
          {t('picked', { name: profileName(profile) })}
          {profile.email && profile.userId ? <span className={styles.detail}>{profile.email}</span> : null}
        </p>
      ) : null}
    </div>
  );
}
