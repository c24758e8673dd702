import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { ConfigModule } from '../config/config.module';
import { DatabaseModule } from '../database/database.module';
import { ImportsModule } from '../imports/imports.module';
import { ScenariosModule } from '../scenarios/scenarios.module';
import { WorkspacesModule } from '../workspaces/workspaces.module';

/** What the command-line tools need: storage and use cases, no HTTP, no dispatcher. */
@Module({
  imports: [ConfigModule, DatabaseModule, WorkspacesModule, AuthModule, ScenariosModule, ImportsModule],
})
export class CliModule {}
