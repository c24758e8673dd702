import { Injectable } from '@nestjs/common';
import {
  type ComputedTraitDefinition,
  computedTraitSpecSchema,
  EXAMPLE_COMPUTED_TRAITS,
  EXAMPLE_SEGMENTS,
  type ExampleSegment,
} from '@parcours/domain';
import { DataSource } from 'typeorm';
import { ComputedTraitsRecompute } from '../../../computed-traits/computation/computed-traits-recompute.service';
import { ComputedTraitsRepository } from '../../../computed-traits/persistence/computed-traits.repository';
import { type SegmentRecord, SegmentsRepository } from '../../persistence/segments.repository';
import { SaveSegmentUseCase } from '../save-segment/save-segment.usecase';

export interface InstalledCatalog {
  /** Keys of the computed traits declared now (those already declared are left as they are). */
  computedTraits: string[];
  /** The segments created now. */
  segments: SegmentRecord[];
  /** Every segment asked for, by name: the one created now or the active one already called so. */
  segmentIds: Map<string, string>;
}

/**
 * Installs ready-made computed traits and segments in a workspace (the seed articles' examples,
 * a scenario template's needs): a trait whose key is declared, or a segment whose name is taken,
 * is left alone, so installing twice adds nothing.
 */
@Injectable()
export class InstallCatalogUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly segments: SegmentsRepository,
    private readonly save: SaveSegmentUseCase,
    private readonly definitions: ComputedTraitsRepository,
    private readonly recompute: ComputedTraitsRecompute,
  ) {}

  examples(workspaceId: string): Promise<InstalledCatalog> {
    return this.execute(workspaceId, EXAMPLE_COMPUTED_TRAITS, EXAMPLE_SEGMENTS);
  }

  async execute(
    workspaceId: string,
    traits: readonly ComputedTraitDefinition[],
    wanted: readonly ExampleSegment[],
  ): Promise<InstalledCatalog> {
    const db = this.dataSource.manager;
    const declared = new Set((await this.definitions.list(db, workspaceId)).map((d) => d.key));
    const computedTraits: string[] = [];
    for (const trait of traits.filter((d) => !declared.has(d.key))) {
      const spec = computedTraitSpecSchema.parse({ kind: trait.kind, config: trait.config });
      await this.definitions.insert(db, workspaceId, { key: trait.key, ...spec });
      declared.add(trait.key);
      computedTraits.push(trait.key);
    }
    if (computedTraits.length > 0) void this.recompute.request(workspaceId);

    const segmentIds = new Map(
      (await this.segments.active(db, workspaceId)).map((s) => [s.name.toLowerCase(), s.id] as const),
    );
    const segments: SegmentRecord[] = [];
    for (const segment of wanted.filter((s) => !segmentIds.has(s.name.toLowerCase()))) {
      const created = await this.save.create(workspaceId, segment);
      segmentIds.set(segment.name.toLowerCase(), created.id);
      segments.push(created);
    }
    return {
      computedTraits,
      segments,
      segmentIds: new Map(wanted.map((s) => [s.name, segmentIds.get(s.name.toLowerCase())!])),
    };
  }
}
