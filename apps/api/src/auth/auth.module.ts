import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuthController } from './auth.controller';
import { UserEntity } from './persistence/user.entity';
import { UserSessionEntity } from './persistence/user-session.entity';
import { SessionsService } from './sessions.service';
import { SignInUseCase } from './usecases/sign-in/sign-in.usecase';
import { UsersController } from './users.controller';
import { UsersService } from './users.service';

/**
 * People: users of a workspace with a role, their passwords and sessions. Global because
 * AdminKeyGuard, used by every context, resolves session tokens through SessionsService.
 */
@Global()
@Module({
  imports: [TypeOrmModule.forFeature([UserEntity, UserSessionEntity])],
  controllers: [AuthController, UsersController],
  providers: [SessionsService, SignInUseCase, UsersService],
  exports: [SessionsService, UsersService],
})
export class AuthModule {}
