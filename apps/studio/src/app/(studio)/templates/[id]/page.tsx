import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { getLocale, getTranslations } from 'next-intl/server';
import { getCurrentSession } from '@/features/auth/session';
import { canEdit } from '@/features/auth/types';
import { ApiErrorState } from '@/features/shell/api-error-state';
import { PageHeader } from '@/features/shell/page-header';
import shell from '@/features/shell/shell.module.css';
import { getTemplate } from '@/features/templates/api';
import { TemplateEditor } from '@/features/templates/template-editor';
import styles from '@/features/templates/templates.module.css';

interface TemplatePageProps {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ version?: string }>;
}

export async function generateMetadata({ params }: TemplatePageProps): Promise<Metadata> {
  const result = await getTemplate((await params).id);
  return { title: result.ok ? result.data.name : (await getTranslations('templates'))('title') };
}

/** One template: its latest version (or `?version=n`) in the editor, with a live preview. */
export default async function TemplatePage({ params, searchParams }: TemplatePageProps) {
  const { id } = await params;
  const raw = (await searchParams).version;
  const asked = raw && /^\d{1,7}$/.test(raw) && Number(raw) > 0 ? Number(raw) : undefined;
  const [t, latest, session, locale] = await Promise.all([
    getTranslations('templates'),
    getTemplate(id),
    getCurrentSession(),
    getLocale(),
  ]);
  const crumbs = [{ href: '/templates', label: t('title') }];
  const missing = (error: { kind: string }) => error.kind === 'not-found' || error.kind === 'invalid';
  if (!latest.ok) {
    if (missing(latest.error)) notFound();
    return (
      <div className={shell.content}>
        <ApiErrorState error={latest.error} />
      </div>
    );
  }
  const shown = asked && asked < latest.data.version ? await getTemplate(id, asked) : latest;
  if (!shown.ok) {
    if (missing(shown.error)) notFound();
    return (
      <div className={shell.content}>
        <ApiErrorState error={shown.error} />
      </div>
    );
  }
  const editable = session.ok && canEdit(session.data.user.role);
  return (
    <div className={styles.editor}>
      <PageHeader
        title={latest.data.name}
        crumbs={crumbs}
        description={t('detail', { channel: latest.data.channel, version: latest.data.version })}
      />
      <TemplateEditor
        // Another version or language starts the editor from what the API holds.
        key={`${shown.data.id}:v${shown.data.version}:${locale}`}
        template={shown.data}
        latestVersion={latest.data.version}
        editable={editable}
      />
    </div>
  );
}
