import { Body, Controller, Get, Put, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { emailSenderSchema } from '@parcours/domain';
import { createZodDto } from 'nestjs-zod';
import { DataSource } from 'typeorm';
import { RequiresRole } from '../auth/roles';
import { AdminKeyGuard } from '../workspaces/key.guards';
import { WorkspaceId } from '../workspaces/workspace-id.decorator';

class EmailSenderDto extends createZodDto(emailSenderSchema) {}

/** The workspace's sender identity: used unless a template names its own, else the deployment's EMAIL_FROM. */
@ApiTags('templates')
@ApiBearerAuth()
@UseGuards(AdminKeyGuard)
@Controller('workspace/email-sender')
export class EmailSenderController {
  constructor(private readonly dataSource: DataSource) {}

  @Get()
  @ApiOkResponse({ type: EmailSenderDto })
  async get(@WorkspaceId() workspaceId: string) {
    const [row] = await this.dataSource.query(`SELECT email_sender FROM workspaces WHERE id = $1`, [
      workspaceId,
    ]);
    return emailSenderSchema.parse(row?.email_sender ?? {});
  }

  @Put()
  @RequiresRole('admin')
  @ApiOperation({ summary: 'fromName, fromEmail, replyTo (workers apply it within 30 s)' })
  @ApiOkResponse({ type: EmailSenderDto })
  async set(@WorkspaceId() workspaceId: string, @Body() sender: EmailSenderDto) {
    await this.dataSource.query(`UPDATE workspaces SET email_sender = $2 WHERE id = $1`, [
      workspaceId,
      sender,
    ]);
    return sender;
  }
}
