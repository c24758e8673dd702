import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ApiKeyEntity } from './api-key.entity';
import { ApiKeysService } from './api-keys.service';
import { CreateWorkspaceUseCase } from './create-workspace.usecase';
import { AdminKeyGuard, WriteKeyGuard } from './key.guards';
import { WorkspaceEntity } from './workspace.entity';

/** Tenancy and credentials: every other context asks this one which workspace a request acts for. */
@Global()
@Module({
  imports: [TypeOrmModule.forFeature([WorkspaceEntity, ApiKeyEntity])],
  providers: [ApiKeysService, CreateWorkspaceUseCase, AdminKeyGuard, WriteKeyGuard],
  exports: [ApiKeysService, CreateWorkspaceUseCase, AdminKeyGuard, WriteKeyGuard],
})
export class WorkspacesModule {}
