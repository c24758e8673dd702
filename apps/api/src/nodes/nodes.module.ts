import { Module } from '@nestjs/common';
import { loadNodeRegistry, parseNodePackageList } from '@parcours/domain/node-packages';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { NODE_REGISTRY } from './node-registry';
import { NodesController } from './nodes.controller';

/**
 * The node registry (loaded once at start-up: a package that cannot be loaded stops the API with
 * its name) for the modules that validate, publish or simulate scenarios, and the catalog.
 */
@Module({
  controllers: [NodesController],
  providers: [
    {
      provide: NODE_REGISTRY,
      useFactory: (config: AppConfig) =>
        loadNodeRegistry(parseNodePackageList(config.PARCOURS_NODE_PACKAGES)),
      inject: [APP_CONFIG],
    },
  ],
  exports: [NODE_REGISTRY],
})
export class NodesModule {}
