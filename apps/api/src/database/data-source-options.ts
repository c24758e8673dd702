import { type DataSourceOptions } from 'typeorm';
import { InitialSchema1763800000000 } from './migrations/1763800000000-initial-schema';
import { IdentitiesConsentsPartitionedEvents1763900000000 } from './migrations/1763900000000-identities-consents-partitioned-events';
import { ImportJobs1764000000000 } from './migrations/1764000000000-import-jobs';
import { Profile360Erasure1764100000000 } from './migrations/1764100000000-profile-360-erasure';
import { MessageKeys1764200000000 } from './migrations/1764200000000-message-keys';
import { PushSubscriptions1764210000000 } from './migrations/1764210000000-push-subscriptions';
import { SegmentsComputedTraits1764300000000 } from './migrations/1764300000000-segments-computed-traits';
import { JourneyEngine1764400000000 } from './migrations/1764400000000-journey-engine';
import { UsersAndSessions1764500000000 } from './migrations/1764500000000-users-and-sessions';
import { TemplatesAndEmail1764600000000 } from './migrations/1764600000000-templates-and-email';
import { WorkspaceVapidKeys1764650000000 } from './migrations/1764650000000-workspace-vapid-keys';
import { ScheduledEntries1764700000000 } from './migrations/1764700000000-scheduled-entries';

/** Shared by the Nest app and the CLIs. Schema changes go through migrations, never `synchronize`. */
export function dataSourceOptions(databaseUrl: string): DataSourceOptions {
  return {
    type: 'postgres',
    url: databaseUrl,
    synchronize: false,
    migrationsRun: false,
    migrations: [
      InitialSchema1763800000000,
      IdentitiesConsentsPartitionedEvents1763900000000,
      ImportJobs1764000000000,
      Profile360Erasure1764100000000,
      MessageKeys1764200000000,
      PushSubscriptions1764210000000,
      SegmentsComputedTraits1764300000000,
      JourneyEngine1764400000000,
      UsersAndSessions1764500000000,
      TemplatesAndEmail1764600000000,
      WorkspaceVapidKeys1764650000000,
      ScheduledEntries1764700000000,
    ],
    migrationsTransactionMode: 'each',
  };
}
