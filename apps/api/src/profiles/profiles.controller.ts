import { Body, Controller, Get, Param, Put, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AdminKeyGuard } from '../workspaces/key.guards';
import { WorkspaceId } from '../workspaces/workspace-id.decorator';
import { ProfileDto, ProfileParams, UpsertProfileDto } from './dtos/profile.dto';
import { type ProfileEntity } from './profile.entity';
import { ProfilesService } from './profiles.service';

function presentProfile(p: ProfileEntity) {
  return {
    id: p.id,
    userId: p.externalId,
    email: p.email,
    traits: p.traits,
    consents: p.consents,
    createdAt: p.createdAt.toISOString(),
    updatedAt: p.updatedAt.toISOString(),
  };
}

@ApiTags('profiles')
@ApiBearerAuth()
@UseGuards(AdminKeyGuard)
@Controller('profiles')
export class ProfilesController {
  constructor(private readonly profiles: ProfilesService) {}

  @Put(':userId')
  @ApiOkResponse({ type: ProfileDto })
  async upsert(
    @WorkspaceId() workspaceId: string,
    @Param() { userId }: ProfileParams,
    @Body() body: UpsertProfileDto,
  ) {
    return presentProfile(await this.profiles.upsert(workspaceId, userId, body));
  }

  @Get(':userId')
  @ApiOkResponse({ type: ProfileDto })
  async get(@WorkspaceId() workspaceId: string, @Param() { userId }: ProfileParams) {
    return presentProfile(await this.profiles.get(workspaceId, userId));
  }
}
