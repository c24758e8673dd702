'use client';

import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { useState, useTransition } from 'react';
import { Dialog } from '../shell/dialog';
import ui from '../shell/ui.module.css';
import { eraseProfileAction } from './actions';

/** GDPR erasure, after the person confirms by typing the word asked for: it cannot be undone. */
export function EraseProfileButton({ profileId, label }: { profileId: string; label: string }) {
  const t = useTranslations('profiles.erase');
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [typed, setTyped] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [erasing, startErasing] = useTransition();
  const word = t('word');
  const erase = () =>
    startErasing(async () => {
      const result = await eraseProfileAction(profileId);
      if (!result.ok) {
        setError(result.error);
        return;
      }
      router.push('/profiles?erased=1');
    });
  return (
    <>
      <button type="button" className={`${ui.button} ${ui.danger}`} onClick={() => setOpen(true)}>
        {t('open')}
      </button>
      <Dialog
        open={open}
        onClose={() => setOpen(false)}
        title={t('title', { label })}
        actions={
          <>
            <button type="button" className={ui.button} onClick={() => setOpen(false)}>
              {t('cancel')}
            </button>
            <button
              type="button"
              className={`${ui.button} ${ui.danger} ${ui.primary}`}
              disabled={erasing || typed.trim().toLowerCase() !== word.toLowerCase()}
              onClick={erase}
            >
              {erasing ? t('erasing') : t('confirm')}
            </button>
          </>
        }
      >
        <p>{t('body')}</p>
        <label className={ui.field}>
          <span>{t('typeToConfirm', { word })}</span>
          <input
            className={ui.input}
            value={typed}
            onChange={(e) => setTyped(e.target.value)}
            autoComplete="off"
          />
        </label>
        {error ? (
          <p role="alert" className={ui.error}>
            {error}
          </p>
        ) : null}
      </Dialog>
    </>
  );
}
