import { BadRequestException, ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import {
  type MessageChannel,
  type MessageTemplateContent,
  messageTemplateIssues,
  type PinnedTemplate,
  type TemplateReference,
} from '@parcours/domain';
import { DataSource, type EntityManager } from 'typeorm';
import { type FieldError } from '../http/validation';
import { MjmlCompiler } from './mjml-compiler';

export interface TemplateView {
  id: string;
  name: string;
  channel: MessageChannel;
  version: number;
  content: MessageTemplateContent;
  compiledHtml: string | null;
  createdAt: string;
  updatedAt: string;
}

interface TemplateRow {
  id: string;
  name: string;
  channel: MessageChannel;
  version: number;
  content: MessageTemplateContent;
  compiled_html: string | null;
  created_at: Date;
  updated_at: Date;
}

const UNIQUE_VIOLATION = '23505';

const SELECT_VERSION = `
  SELECT t.id, t.name, t.channel, v.version, v.content, v.compiled_html, t.created_at, t.updated_at
  FROM message_templates t JOIN message_template_versions v ON v.template_id = t.id`;

function present(row: TemplateRow): TemplateView {
  return {
    id: row.id,
    name: row.name,
    channel: row.channel,
    version: row.version,
    content: row.content,
    compiledHtml: row.compiled_html,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

function invalid(errors: FieldError[]): BadRequestException {
  return new BadRequestException({
    statusCode: 400,
    error: 'Bad Request',
    message: 'Validation failed',
    errors,
  });
}

/**
 * Message templates: each save of the content is a new immutable version (scenarios pin the one
 * they were published with). Content is checked before anything is written: Liquid syntax and
 * unknown variables per field with line and column, and MJML compiled (its errors refuse it too).
 */
@Injectable()
export class MessageTemplates {
  constructor(
    private readonly dataSource: DataSource,
    private readonly mjml: MjmlCompiler,
  ) {}

  /** Checks a content and compiles its MJML; throws a 400 listing every problem. */
  async prepare(content: MessageTemplateContent): Promise<{ compiledHtml: string | null }> {
    const errors: FieldError[] = messageTemplateIssues(content).map((issue) => ({
      path: ['content', ...issue.path].join('.'),
      code: 'invalid_template',
      message: issue.message,
    }));
    let compiledHtml: string | null = null;
    if (content.channel === 'email' && content.mjml !== undefined && errors.length === 0) {
      const compiled = await this.mjml.compile(content.mjml);
      for (const issue of compiled.issues) {
        errors.push({
          path: 'content.mjml',
          code: 'invalid_mjml',
          message: `line ${issue.line}: ${issue.message}`,
        });
      }
      compiledHtml = compiled.html;
    }
    if (errors.length > 0) throw invalid(errors);
    return { compiledHtml };
  }

  async create(workspaceId: string, name: string, content: MessageTemplateContent): Promise<TemplateView> {
    const { compiledHtml } = await this.prepare(content);
    return this.named(name, () =>
      this.dataSource.transaction(async (manager) => {
        const [{ id }] = await manager.query(
          `INSERT INTO message_templates (workspace_id, channel, name) VALUES ($1, $2, $3) RETURNING id`,
          [workspaceId, content.channel, name],
        );
        await this.insertVersion(manager, id, 1, content, compiledHtml);
        return this.latest(workspaceId, id, manager);
      }),
    );
  }

  /** A new name applies at once; a new content becomes the next version (the channel cannot change). */
  async update(
    workspaceId: string,
    id: string,
    change: { name?: string; content?: MessageTemplateContent },
  ): Promise<TemplateView> {
    const current = await this.latest(workspaceId, id);
    if (change.content && change.content.channel !== current.channel) {
      throw invalid([
        {
          path: 'content.channel',
          code: 'invalid_value',
          message: `This is a ${current.channel} template; its channel cannot change`,
        },
      ]);
    }
    const compiled = change.content ? await this.prepare(change.content) : null;
    return this.named(change.name ?? current.name, () =>
      this.dataSource.transaction(async (manager) => {
        const [[row]] = await manager.query(
          `UPDATE message_templates SET name = COALESCE($3, name), updated_at = now(),
                  latest_version = latest_version + $4
           WHERE id = $1 AND workspace_id = $2 AND archived_at IS NULL RETURNING latest_version`,
          [id, workspaceId, change.name ?? null, change.content ? 1 : 0],
        );
        if (!row) throw new NotFoundException(`Template ${id} not found`);
        if (change.content && compiled) {
          await this.insertVersion(manager, id, row.latest_version, change.content, compiled.compiledHtml);
        }
        return this.latest(workspaceId, id, manager);
      }),
    );
  }

  async list(workspaceId: string, channel?: MessageChannel): Promise<TemplateView[]> {
    const rows: TemplateRow[] = await this.dataSource.query(
      `${SELECT_VERSION} AND v.version = t.latest_version
       WHERE t.workspace_id = $1 AND t.archived_at IS NULL AND ($2::text IS NULL OR t.channel = $2)
       ORDER BY lower(t.name)`,
      [workspaceId, channel ?? null],
    );
    return rows.map(present);
  }

  async latest(workspaceId: string, id: string, manager?: EntityManager): Promise<TemplateView> {
    const [row]: TemplateRow[] = await (manager ?? this.dataSource.manager).query(
      `${SELECT_VERSION} AND v.version = t.latest_version
       WHERE t.id = $1 AND t.workspace_id = $2 AND t.archived_at IS NULL`,
      [id, workspaceId],
    );
    if (!row) throw new NotFoundException(`Template ${id} not found`);
    return present(row);
  }

  /** One version, archived templates included (published scenarios may still use it). */
  async version(workspaceId: string, id: string, version: number): Promise<TemplateView> {
    const [row]: TemplateRow[] = await this.dataSource.query(
      `${SELECT_VERSION} AND v.version = $3 WHERE t.id = $1 AND t.workspace_id = $2`,
      [id, workspaceId, version],
    );
    if (!row) throw new NotFoundException(`Template ${id} has no version ${version}`);
    return present(row);
  }

  /** Hidden from lists and new publications; versions stay for the scenarios that pinned them. */
  async archive(workspaceId: string, id: string): Promise<void> {
    const [, affected] = await this.dataSource.query(
      `UPDATE message_templates SET archived_at = now(), updated_at = now()
       WHERE id = $1 AND workspace_id = $2 AND archived_at IS NULL`,
      [id, workspaceId],
    );
    if (!affected) throw new NotFoundException(`Template ${id} not found`);
  }

  /** What a sender uses: the version asked for, else the latest; null when there is none. */
  async pinned(workspaceId: string, reference: TemplateReference): Promise<PinnedTemplate | null> {
    const [row]: TemplateRow[] = await this.dataSource.query(
      `${SELECT_VERSION} AND v.version = COALESCE($3, t.latest_version) WHERE t.id = $1 AND t.workspace_id = $2`,
      [reference.id, workspaceId, reference.version ?? null],
    );
    if (!row) return null;
    return {
      templateId: row.id,
      version: row.version,
      content: row.content,
      ...(row.compiled_html !== null ? { compiledHtml: row.compiled_html } : {}),
    };
  }

  private async insertVersion(
    manager: EntityManager,
    id: string,
    version: number,
    content: MessageTemplateContent,
    compiledHtml: string | null,
  ): Promise<void> {
    await manager.query(
      `INSERT INTO message_template_versions (template_id, version, content, compiled_html) VALUES ($1, $2, $3, $4)`,
      [id, version, content, compiledHtml],
    );
  }

  private async named<T>(name: string, work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      if ((error as { code?: string }).code === UNIQUE_VIOLATION) {
        throw new ConflictException(`A template named "${name}" already exists`);
      }
      throw error;
    }
  }
}
