import { Controller, Get } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { defaultNodeRegistry, nodeCatalog } from '@parcours/domain';

/** The node types the studio can offer: metadata, ports and a JSON Schema form per type. */
@ApiTags('scenarios')
@Controller('nodes')
export class NodesController {
  private readonly catalog = nodeCatalog(defaultNodeRegistry);

  @Get()
  list() {
    return this.catalog;
  }
}
