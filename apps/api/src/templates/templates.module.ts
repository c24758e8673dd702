import { Module } from '@nestjs/common';
import { ProfilesModule } from '../profiles/profiles.module';
import { EmailSenderController } from './email-sender.controller';
import { MessageTemplates } from './message-templates.service';
import { MjmlCompiler } from './mjml-compiler';
import { PreviewTemplateUseCase } from './preview-template.usecase';
import { TemplatePins } from './template-pins.service';
import { TemplatesController } from './templates.controller';

/** Message templates per channel: versioned, validated at save, previewed for a customer, pinned at publish. */
@Module({
  imports: [ProfilesModule],
  controllers: [TemplatesController, EmailSenderController],
  providers: [MessageTemplates, MjmlCompiler, PreviewTemplateUseCase, TemplatePins],
  exports: [MessageTemplates, TemplatePins],
})
export class TemplatesModule {}
