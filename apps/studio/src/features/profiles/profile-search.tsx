import { getTranslations } from 'next-intl/server';
import ui from '../shell/ui.module.css';
import styles from './profiles.module.css';
import { SEARCH_KINDS, type SearchKind } from './types';

/** A plain GET form: the search is in the URL, works without script, and the back button keeps it. */
export async function ProfileSearch({
  kind,
  value,
  error,
}: {
  kind: SearchKind;
  value: string;
  error?: string;
}) {
  const t = await getTranslations('profiles.search');
  return (
    <form method="get" action="/profiles" role="search" aria-label={t('label')} className={styles.search}>
      <label className={ui.field}>
        <span>{t('kind')}</span>
        <select name="kind" defaultValue={kind} className={ui.input}>
          {SEARCH_KINDS.map((k) => (
            <option key={k} value={k}>
              {t(`kinds.${k}`)}
            </option>
          ))}
        </select>
      </label>
      <label className={`${ui.field} ${styles.searchValue}`}>
        <span>{t('value')}</span>
        <input
          type="search"
          name="value"
          defaultValue={value}
          required
          maxLength={320}
          className={ui.input}
          placeholder={t('placeholder')}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? 'profile-search-error' : undefined}
        />
        {error ? (
          <span id="profile-search-error" className={ui.error}>
            {error}
          </span>
        ) : null}
      </label>
      <button type="submit" className={`${ui.button} ${ui.primary}`}>
        {t('submit')}
      </button>
    </form>
  );
}
