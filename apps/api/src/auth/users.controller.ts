import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, UseGuards } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import { AdminKeyGuard } from '../workspaces/key.guards';
import { WorkspaceId } from '../workspaces/workspace-id.decorator';
import { CreateUserDto, UpdateUserDto, UserDto, UserIdParams } from './dtos/user.dto';
import { RequiresRole } from './roles';
import { presentUser } from './user.presenter';
import { UsersService } from './users.service';

/** The people of a workspace: admins (and admin keys) only. */
@ApiTags('users')
@ApiBearerAuth()
@UseGuards(AdminKeyGuard)
@RequiresRole('admin')
@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get()
  @ApiOkResponse({ type: [UserDto] })
  async list(@WorkspaceId() workspaceId: string) {
    return (await this.users.list(workspaceId)).map(presentUser);
  }

  @Post()
  @ApiCreatedResponse({ type: UserDto })
  @ApiConflictResponse({ description: 'The email already belongs to a user.' })
  async create(@WorkspaceId() workspaceId: string, @Body() body: CreateUserDto) {
    return presentUser(await this.users.create(workspaceId, body));
  }

  @Patch(':id')
  @ApiOkResponse({ type: UserDto })
  @ApiConflictResponse({ description: 'The change would leave the workspace without an admin.' })
  async update(
    @WorkspaceId() workspaceId: string,
    @Param() { id }: UserIdParams,
    @Body() body: UpdateUserDto,
  ) {
    return presentUser(await this.users.update(workspaceId, id, body));
  }

  @Delete(':id')
  @HttpCode(204)
  async remove(@WorkspaceId() workspaceId: string, @Param() { id }: UserIdParams): Promise<void> {
    await this.users.remove(workspaceId, id);
  }
}
