import { BadRequestException, Injectable, NotFoundException } from '@nestjs/common';
import {
  type MessageTemplateContent,
  type PinnedTemplate,
  type RenderedMessage,
  renderMessageTemplate,
  TemplateError,
  templateVariablesOf,
} from '@parcours/domain';
import { ProfileSnapshots } from '../profiles/profile-snapshots';
import { MessageTemplates } from './message-templates.service';

export interface PreviewRequest {
  profileId: string;
  templateId?: string;
  version?: number;
  content?: MessageTemplateContent;
  event?: Record<string, unknown>;
  journey?: Record<string, unknown>;
}

/** Renders a saved template or a draft for one real customer, exactly as a send would (nothing sent). */
@Injectable()
export class PreviewTemplateUseCase {
  constructor(
    private readonly templates: MessageTemplates,
    private readonly profiles: ProfileSnapshots,
  ) {}

  async execute(workspaceId: string, request: PreviewRequest): Promise<RenderedMessage> {
    const profile = await this.profiles.find(workspaceId, request.profileId);
    if (!profile) throw new NotFoundException(`Profile ${request.profileId} not found`);
    let template: Pick<PinnedTemplate, 'content' | 'compiledHtml'> | null;
    if (request.content) {
      const { compiledHtml } = await this.templates.prepare(request.content);
      template = { content: request.content, ...(compiledHtml !== null ? { compiledHtml } : {}) };
    } else {
      template = await this.templates.pinned(workspaceId, {
        id: request.templateId!,
        version: request.version,
      });
      if (!template) throw new NotFoundException(`Template ${request.templateId} not found`);
    }
    const variables = templateVariablesOf(
      profile,
      {
        workspaceId,
        journeyId: 'preview',
        scenarioId: 'preview',
        scenarioVersionId: 'preview',
        profileId: profile.id,
        enteredAt: new Date().toISOString(),
        triggerEvent: { id: 'preview', name: 'preview', properties: request.event ?? {} },
      },
      request.journey ?? {},
    );
    try {
      return await renderMessageTemplate(template, variables);
    } catch (error) {
      if (!(error instanceof TemplateError)) throw error;
      throw new BadRequestException({
        statusCode: 400,
        error: 'Bad Request',
        message: 'The template cannot be rendered for this customer',
        errors: [{ path: 'content', code: 'render_failed', message: error.message }],
      });
    }
  }
}
