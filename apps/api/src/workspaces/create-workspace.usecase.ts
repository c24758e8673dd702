import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ApiKeysService } from './api-keys.service';
import { WorkspaceEntity } from './workspace.entity';

export interface CreatedWorkspace {
  workspaceId: string;
  adminKey: string;
  writeKey: string;
}

@Injectable()
export class CreateWorkspaceUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly apiKeys: ApiKeysService,
  ) {}

  /** A workspace with one admin key and one ingestion write key, all or nothing. */
  async execute(name: string): Promise<CreatedWorkspace> {
    return this.dataSource.transaction(async (manager) => {
      const workspace = await manager.getRepository(WorkspaceEntity).save({ name });
      const adminKey = await this.apiKeys.issue(manager, workspace.id, 'admin', 'Default admin key');
      const writeKey = await this.apiKeys.issue(manager, workspace.id, 'write', 'Default write key');
      return { workspaceId: workspace.id, adminKey, writeKey };
    });
  }
}
