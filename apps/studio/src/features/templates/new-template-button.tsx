'use client';

import { useTranslations } from 'next-intl';
import { CreateWithNameButton } from '../shell/create-with-name-button';
import ui from '../shell/ui.module.css';
import { createTemplateAction } from './actions';
import { TEMPLATE_CHANNELS } from './types';

export function NewTemplateButton() {
  const t = useTranslations('templates.create');
  const tc = useTranslations('templates.channels');
  return (
    <CreateWithNameButton
      messages="templates.create"
      action={createTemplateAction}
      moreFields={(state) => (
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
      )}
    />
  );
}
