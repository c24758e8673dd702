'use client';

import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { useTransition } from 'react';
import styles from './scenarios.module.css';

export interface VersionOption {
  version: number;
  label: string;
}

interface VersionPickerProps {
  scenarioId: string;
  selected: number;
  options: VersionOption[];
}

/** Switches between published versions (`/scenarios/<id>/versions/<n>`). */
export function VersionPicker({ scenarioId, selected, options }: VersionPickerProps) {
  const t = useTranslations('versionPage');
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  return (
    <label className={styles.picker} data-pending={pending || undefined}>
      <span className={styles.pickerLabel}>{t('picker')}</span>
      <select
        value={selected}
        onChange={(event) => {
          const version = event.target.value;
          startTransition(() => {
            router.push(`/scenarios/${encodeURIComponent(scenarioId)}/versions/${version}`);
          });
        }}
      >
        {options.map((option) => (
          <option key={option.version} value={option.version}>
            {option.label}
          </option>
        ))}
      </select>
    </label>
  );
}
