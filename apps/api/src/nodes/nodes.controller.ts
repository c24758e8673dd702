import { Controller, Get, Inject } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { type NodeCatalogEntry, nodeCatalog, type NodeRegistry } from '@parcours/domain';
import { NODE_REGISTRY } from './node-registry';

/** The node types the studio can offer (built-in and custom): metadata, ports and a JSON Schema form per type. */
@ApiTags('scenarios')
@Controller('nodes')
export class NodesController {
  private readonly catalog: NodeCatalogEntry[];

  constructor(@Inject(NODE_REGISTRY) registry: NodeRegistry) {
    this.catalog = nodeCatalog(registry);
  }

  @Get()
  list() {
    return this.catalog;
  }
}
