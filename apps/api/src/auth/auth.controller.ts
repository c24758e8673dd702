import { Body, Controller, Delete, Get, HttpCode, Post, Res, UseGuards } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { type Response } from 'express';
import { DataSource } from 'typeorm';
import { AdminKeyGuard } from '../workspaces/key.guards';
import { WorkspaceEntity } from '../workspaces/workspace.entity';
import { CurrentUser } from './current-user.decorator';
import { CurrentSessionDto, SessionDto, SignInDto } from './dtos/user.dto';
import { USER_COLUMNS, UserEntity } from './persistence/user.entity';
import { type SignedInUser } from './principal';
import { RequiresRole } from './roles';
import { SessionsService } from './sessions.service';
import { SignInUseCase, TooManySignInsException } from './usecases/sign-in/sign-in.usecase';
import { presentUser } from './user.presenter';

@ApiTags('auth')
@Controller('auth/session')
export class AuthController {
  constructor(
    private readonly signIn: SignInUseCase,
    private readonly sessions: SessionsService,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  @Post()
  @ApiCreatedResponse({ type: SessionDto, description: 'Send the token as `Authorization: Bearer <token>`.' })
  @ApiUnauthorizedResponse({ description: 'Email or password is incorrect.' })
  @ApiTooManyRequestsResponse({ description: '5 failed sign-ins in 15 minutes: the account waits.' })
  async create(@Body() body: SignInDto, @Res({ passthrough: true }) res: Response) {
    try {
      const { token, expiresAt, user } = await this.signIn.execute(body);
      return { token, expiresAt: expiresAt.toISOString(), user: presentUser(user) };
    } catch (error) {
      if (error instanceof TooManySignInsException)
        res.setHeader('Retry-After', String(error.retryAfterSeconds));
      throw error;
    }
  }

  @Get()
  @ApiBearerAuth()
  @UseGuards(AdminKeyGuard)
  @ApiOkResponse({ type: CurrentSessionDto })
  async current(@CurrentUser() signedIn: SignedInUser) {
    const [user, workspace] = await Promise.all([
      this.dataSource
        .getRepository(UserEntity)
        .findOneOrFail({ where: { id: signedIn.userId }, select: USER_COLUMNS }),
      this.dataSource.getRepository(WorkspaceEntity).findOneByOrFail({ id: signedIn.workspaceId }),
    ]);
    return { user: presentUser(user), workspace: { id: workspace.id, name: workspace.name } };
  }

  /** Signing out is open to every role. */
  @Delete()
  @HttpCode(204)
  @ApiBearerAuth()
  @UseGuards(AdminKeyGuard)
  @RequiresRole('viewer')
  async remove(@CurrentUser() signedIn: SignedInUser): Promise<void> {
    await this.sessions.revoke(signedIn.sessionId);
  }
}
