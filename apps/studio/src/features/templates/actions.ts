'use server';

import { redirect } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { actionError, type ActionResult } from '@/lib/api/action-error';
import { apiRequest } from '@/lib/api/client';
import { defaultContent } from './template-content';
import {
  type RenderedMessage,
  type SmsSegmentCount,
  type Template,
  TEMPLATE_CHANNELS,
  type TemplateChannel,
  type TemplateContent,
} from './types';

const enc = encodeURIComponent;

export interface CreateTemplateState {
  error?: string;
  name?: string;
  channel?: string;
}

/** A new template of a channel with a starter content (version 1), then its editor. */
export async function createTemplateAction(
  _previous: CreateTemplateState,
  form: FormData,
): Promise<CreateTemplateState> {
  const name = String(form.get('name') ?? '').trim();
  const channel = String(form.get('channel') ?? '');
  const t = await getTranslations('templates.create');
  if (!name) return { error: t('nameRequired'), name, channel };
  if (!TEMPLATE_CHANNELS.includes(channel as TemplateChannel))
    return { error: t('channelRequired'), name, channel };
  const result = await apiRequest<Template>('POST', '/templates', {
    name,
    content: defaultContent(channel as TemplateChannel),
  });
  if (!result.ok) {
    const failure = await actionError(result.error);
    return { error: failure.fields?.name ?? failure.error, name, channel };
  }
  redirect(`/templates/${enc(result.data.id)}`);
}

/** Saves a name and/or a content (a new version); a 400 comes back field by field. */
export async function saveTemplateAction(
  id: string,
  change: { name?: string; content?: TemplateContent },
): Promise<ActionResult<Template>> {
  const result = await apiRequest<Template>('PUT', `/templates/${enc(id)}`, change);
  return result.ok ? { ok: true, data: result.data } : actionError(result.error);
}

/** Renders a draft for a customer exactly as a send would (nothing is sent). */
export async function previewTemplateAction(
  profileId: string,
  content: TemplateContent,
): Promise<ActionResult<RenderedMessage>> {
  const result = await apiRequest<{ rendered: RenderedMessage }>('POST', '/templates/preview', {
    profileId,
    content,
  });
  return result.ok ? { ok: true, data: result.data.rendered } : actionError(result.error);
}

export async function countSmsSegmentsAction(text: string): Promise<ActionResult<SmsSegmentCount>> {
  const result = await apiRequest<SmsSegmentCount>('POST', '/sms/segments', { text: String(text) });
  return result.ok ? { ok: true, data: result.data } : actionError(result.error);
}
