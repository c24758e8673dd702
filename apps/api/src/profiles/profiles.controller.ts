import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  Post,
  Put,
  Query,
  StreamableFile,
  UseGuards,
} from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { AdminKeyGuard } from '../workspaces/key.guards';
import { WorkspaceId } from '../workspaces/workspace-id.decorator';
import { ProfileDto, ProfileParams, UpsertProfileDto } from './dtos/profile.dto';
import {
  FindProfileQuery,
  MergeProfilesDto,
  ProfileEventsQuery,
  ProfileRefParams,
} from './dtos/profile-ref.dto';
import {
  MergeOutcomeDto,
  Profile360Dto,
  ProfileEventsPageDto,
  ProfileExportDto,
  ProfileLookupDto,
} from './dtos/profile-views.dto';
import { type ProfileEntity } from './profile.entity';
import { ProfilesService } from './profiles.service';
import { EraseProfileUseCase } from './usecases/erase-profile/erase-profile.usecase';
import { ExportProfileUseCase } from './usecases/export-profile/export-profile.usecase';
import { FindProfileUseCase } from './usecases/find-profile/find-profile.usecase';
import { GetProfileUseCase } from './usecases/get-profile/get-profile.usecase';
import { ListProfileEventsUseCase } from './usecases/list-profile-events/list-profile-events.usecase';
import { MergeProfilesUseCase } from './usecases/merge-profiles/merge-profiles.usecase';

function presentProfile(p: ProfileEntity) {
  return {
    id: p.id,
    userId: p.externalId,
    email: p.email,
    phone: p.phone,
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
  constructor(
    private readonly profiles: ProfilesService,
    private readonly getProfile: GetProfileUseCase,
    private readonly findProfile: FindProfileUseCase,
    private readonly listEvents: ListProfileEventsUseCase,
    private readonly mergeProfiles: MergeProfilesUseCase,
    private readonly exportProfile: ExportProfileUseCase,
    private readonly eraseProfile: EraseProfileUseCase,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Find the profile holding an identity' })
  @ApiOkResponse({ type: ProfileLookupDto })
  @ApiNotFoundResponse({ description: 'No live profile holds this identity.' })
  find(@WorkspaceId() workspaceId: string, @Query() { identity }: FindProfileQuery) {
    return this.findProfile.execute({ workspaceId, identity });
  }

  @Post('merge')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Merge two known profiles into one',
    description:
      'One transaction: identities, events, consent history, journeys and messages move to the survivor; the survivor’s traits win, the most recent consent per channel wins; the merged profile stays as a pointer. A journey of the merged profile in a scenario the survivor is also in ends (`exited`, reason `merged`); the others continue on the survivor.',
  })
  @ApiOkResponse({ type: MergeOutcomeDto })
  @ApiNotFoundResponse({ description: 'A reference names no profile.' })
  @ApiConflictResponse({ description: 'Both name the same profile, or one was already merged or erased.' })
  merge(@WorkspaceId() workspaceId: string, @Body() { survivor, merged }: MergeProfilesDto) {
    return this.mergeProfiles.execute({ workspaceId, survivor, merged });
  }

  @Put(':userId')
  @ApiOperation({ summary: 'Create or update the profile of a userId' })
  @ApiOkResponse({ type: ProfileDto })
  async upsert(
    @WorkspaceId() workspaceId: string,
    @Param() { userId }: ProfileParams,
    @Body() body: UpsertProfileDto,
  ) {
    return presentProfile(await this.profiles.upsert(workspaceId, userId, body));
  }

  @Get(':ref')
  @ApiOperation({
    summary: 'The profile 360: traits, identities, consents, journeys, messages, merges',
    description: 'The event timeline is paged separately: `GET /profiles/{ref}/events`.',
  })
  @ApiOkResponse({ type: Profile360Dto })
  @ApiNotFoundResponse({ description: 'Unknown or erased.' })
  get(@WorkspaceId() workspaceId: string, @Param() { ref }: ProfileRefParams) {
    return this.getProfile.execute({ workspaceId, ref });
  }

  @Get(':ref/events')
  @ApiOperation({ summary: 'The profile’s event timeline, newest first, keyset-paged' })
  @ApiOkResponse({ type: ProfileEventsPageDto })
  @ApiNotFoundResponse({ description: 'Unknown or erased.' })
  events(
    @WorkspaceId() workspaceId: string,
    @Param() { ref }: ProfileRefParams,
    @Query() { limit, before }: ProfileEventsQuery,
  ) {
    return this.listEvents.execute({ workspaceId, ref, limit, before });
  }

  @Get(':ref/export')
  @ApiOperation({
    summary: 'GDPR export: everything stored about the person, as one JSON document',
    description:
      'Streamed from one consistent snapshot: the profile, identities, consents and their full history, journeys with their steps, messages and merges first, then every event (all of them, read 1 000 at a time) last. Sent as an attachment.',
  })
  @ApiOkResponse({ type: ProfileExportDto })
  @ApiNotFoundResponse({ description: 'Unknown or erased.' })
  async export(@WorkspaceId() workspaceId: string, @Param() { ref }: ProfileRefParams) {
    const { profileId, body } = await this.exportProfile.execute({ workspaceId, ref });
    return new StreamableFile(body, {
      type: 'application/json; charset=utf-8',
      disposition: `attachment; filename="profile-${profileId}.json"`,
    });
  }

  @Delete(':ref')
  @HttpCode(204)
  @ApiOperation({
    summary: 'GDPR erasure: delete the person’s data and stop their journeys',
    description:
      'One transaction: events (with their messageIds), identities, consent history, journey steps and merge records are deleted; the profile is blanked and marked erased; message-ledger rows keep channel, node, status and time but lose recipient and reason; active journeys end (`exited`, reason `erased`) and no message is sent to the person afterwards. The same userId arriving later makes a new profile.',
  })
  @ApiNoContentResponse({ description: 'Erased.' })
  @ApiNotFoundResponse({ description: 'Unknown or already erased.' })
  async erase(@WorkspaceId() workspaceId: string, @Param() { ref }: ProfileRefParams): Promise<void> {
    await this.eraseProfile.execute({ workspaceId, ref });
  }
}
