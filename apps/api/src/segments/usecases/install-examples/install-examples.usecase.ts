import { Injectable } from '@nestjs/common';
import {
  type ComputedTraitDefinition,
  computedTraitSpecSchema,
  EXAMPLE_COMPUTED_TRAITS,
  EXAMPLE_SEGMENTS,
} from '@parcours/domain';
import { DataSource } from 'typeorm';
import { ComputedTraitsRecompute } from '../../../computed-traits/computation/computed-traits-recompute.service';
import { ComputedTraitsRepository } from '../../../computed-traits/persistence/computed-traits.repository';
import { type SegmentRecord, SegmentsRepository } from '../../persistence/segments.repository';
import { SaveSegmentUseCase } from '../save-segment/save-segment.usecase';

/**
 * Installs the example segments of the seed articles (and the computed traits they read) in a
 * workspace: those whose name (or key) is taken are left alone, so running it twice adds nothing.
 */
@Injectable()
export class InstallExamplesUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly segments: SegmentsRepository,
    private readonly save: SaveSegmentUseCase,
    private readonly definitions: ComputedTraitsRepository,
    private readonly recompute: ComputedTraitsRecompute,
  ) {}

  async execute(workspaceId: string): Promise<{ computedTraits: string[]; segments: SegmentRecord[] }> {
    const db = this.dataSource.manager;
    const declared = new Set((await this.definitions.list(db, workspaceId)).map((d) => d.key));
    const computedTraits: string[] = [];
    for (const example of EXAMPLE_COMPUTED_TRAITS.filter((d) => !declared.has(d.key))) {
      const spec = computedTraitSpecSchema.parse({ kind: example.kind, config: example.config });
      const definition: ComputedTraitDefinition = { key: example.key, ...spec };
      await this.definitions.insert(db, workspaceId, definition);
      computedTraits.push(example.key);
    }
    if (computedTraits.length > 0) void this.recompute.request(workspaceId);

    const taken = new Set((await this.segments.active(db, workspaceId)).map((s) => s.name.toLowerCase()));
    const segments: SegmentRecord[] = [];
    for (const example of EXAMPLE_SEGMENTS.filter((s) => !taken.has(s.name.toLowerCase()))) {
      segments.push(await this.save.create(workspaceId, example));
    }
    return { computedTraits, segments };
  }
}
