import { messageTemplateContentSchema, type PinnedTemplate, type TemplateReference } from '@parcours/domain';
import { type Pool } from 'pg';

/** Pinned versions never change: kept in memory once read (bounded). */
const CACHE_SIZE = 1_000;

/** Message template versions, as journeys' send steps use them. */
export class TemplateStore {
  private readonly versions = new Map<string, PinnedTemplate>();

  constructor(private readonly pool: Pool) {}

  /** The version a published scenario pinned (the latest when none is given), within the workspace. */
  async pinned(workspaceId: string, reference: TemplateReference): Promise<PinnedTemplate | null> {
    const key = reference.version ? `${workspaceId}:${reference.id}:${reference.version}` : null;
    const cached = key ? this.versions.get(key) : undefined;
    if (cached) return cached;
    const { rows } = await this.pool.query(
      `SELECT v.version, v.content, v.compiled_html
       FROM message_templates t JOIN message_template_versions v
         ON v.template_id = t.id AND v.version = COALESCE($3, t.latest_version)
       WHERE t.id = $1 AND t.workspace_id = $2`,
      [reference.id, workspaceId, reference.version ?? null],
    );
    if (!rows[0]) return null;
    const template: PinnedTemplate = {
      templateId: reference.id,
      version: rows[0].version,
      content: messageTemplateContentSchema.parse(rows[0].content),
      ...(rows[0].compiled_html !== null ? { compiledHtml: rows[0].compiled_html } : {}),
    };
    if (key) {
      if (this.versions.size >= CACHE_SIZE) this.versions.delete(this.versions.keys().next().value!);
      this.versions.set(key, template);
    }
    return template;
  }
}
