import { isDeepStrictEqual } from 'node:util';
import { ConflictException, Injectable } from '@nestjs/common';
import {
  type ComputedTraitDefinition,
  computedTraitSpecSchema,
  EXAMPLE_COMPUTED_TRAITS,
  EXAMPLE_SEGMENTS,
  type ExampleSegment,
  segmentRuleSchema,
} from '@parcours/domain';
import { DataSource, type EntityManager } from 'typeorm';
import { type z } from 'zod';
import { ComputedTraitsRecompute } from '../../../computed-traits/computation/computed-traits-recompute.service';
import { ComputedTraitsRepository } from '../../../computed-traits/persistence/computed-traits.repository';
import { type FieldError } from '../../../http/validation';
import { type SegmentRecord } from '../../persistence/segments.repository';
import { SaveSegmentUseCase } from '../save-segment/save-segment.usecase';

export interface InstalledCatalog {
  /** Keys of the computed traits declared now (those already declared are reused). */
  computedTraits: string[];
  /** The segments created now. */
  segments: SegmentRecord[];
  /** Every segment asked for, by name: the one created now or the active one already called so. */
  segmentIds: Map<string, string>;
}

/**
 * What to do with a trait whose key is declared, or an active segment whose name is taken, but
 * defined differently: `refuse` the whole install (409 naming each), or `keep` the workspace's.
 */
export type CatalogConflicts = 'refuse' | 'keep';

/** As stored: JSON, without undefined properties. */
const asJson = (value: unknown): unknown => JSON.parse(JSON.stringify(value));

/**
 * Whether a stored definition is the wanted one: both parsed (defaults filled in) and compared as
 * stored, whatever the order of their keys (jsonb reorders them). One the schema now refuses differs.
 */
function sameDefinition(schema: z.ZodType, stored: unknown, wanted: unknown): boolean {
  const parsed = schema.safeParse(stored);
  return parsed.success && isDeepStrictEqual(asJson(parsed.data), asJson(schema.parse(wanted)));
}

const specOf = ({ kind, config }: ComputedTraitDefinition) => ({ kind, config });

/**
 * Installs ready-made computed traits and segments in a workspace (the seed articles' examples,
 * a scenario template's needs): a trait whose key is declared, or a segment whose name is taken
 * (case-insensitively), is reused when defined the same, so installing twice adds nothing; one
 * defined differently refuses the install or is kept, as the caller says (`CatalogConflicts`).
 */
@Injectable()
export class InstallCatalogUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly save: SaveSegmentUseCase,
    private readonly definitions: ComputedTraitsRepository,
    private readonly recompute: ComputedTraitsRecompute,
  ) {}

  /** The examples leave a differently defined trait or segment of the workspace as it is. */
  async examples(workspaceId: string): Promise<InstalledCatalog> {
    const installed = await this.transaction((db) =>
      this.install(db, workspaceId, EXAMPLE_COMPUTED_TRAITS, EXAMPLE_SEGMENTS, 'keep'),
    );
    this.startComputing(workspaceId, installed);
    return installed;
  }

  /**
   * Runs `work` (an install, and what the caller writes with it) in one transaction: a failure
   * writes nothing. A key or name another request took meanwhile is a conflict to retry.
   */
  async transaction<T>(work: (db: EntityManager) => Promise<T>): Promise<T> {
    try {
      return await this.dataSource.transaction(work);
    } catch (error) {
      if ((error as { code?: string }).code === '23505') {
        throw new ConflictException(
          'Another request declared the same computed trait or segment meanwhile: retry',
        );
      }
      throw error;
    }
  }

  /**
   * Within the caller's transaction (see `transaction`): writes what the workspace lacks, nothing
   * more. The caller calls `startComputing` once it committed.
   */
  async install(
    db: EntityManager,
    workspaceId: string,
    traits: readonly ComputedTraitDefinition[],
    wanted: readonly ExampleSegment[],
    conflicts: CatalogConflicts,
  ): Promise<InstalledCatalog> {
    // Taken first: two installs then see each other's segments and traits.
    const active = await this.save.lockSegments(db, workspaceId);
    const declared = new Map((await this.definitions.list(db, workspaceId)).map((d) => [d.key, d]));
    const existing = new Map(active.map((s) => [s.name.toLowerCase(), s]));
    const differing: FieldError[] = [
      ...traits
        .filter((trait) => {
          const current = declared.get(trait.key);
          return current && !sameDefinition(computedTraitSpecSchema, specOf(current), specOf(trait));
        })
        .map((trait) => ({
          path: `computedTraits.${trait.key}`,
          code: 'definition_differs',
          message: 'a computed trait with this key exists with a different definition',
        })),
      ...wanted
        .filter((segment) => {
          const current = existing.get(segment.name.toLowerCase());
          return current && !sameDefinition(segmentRuleSchema, current.rule, segment.rule);
        })
        .map((segment) => ({
          path: `segments.${segment.name}`,
          code: 'rule_differs',
          message: 'an active segment with this name exists with a different rule',
        })),
    ];
    if (conflicts === 'refuse' && differing.length > 0) {
      throw new ConflictException({
        statusCode: 409,
        error: 'Conflict',
        message: differing.map(({ path, message }) => `${path}: ${message}`).join('; '),
        errors: differing,
      });
    }

    const computedTraits: string[] = [];
    for (const trait of traits.filter((d) => !declared.has(d.key))) {
      const spec = computedTraitSpecSchema.parse({ kind: trait.kind, config: trait.config });
      await this.definitions.insert(db, workspaceId, { key: trait.key, ...spec });
      computedTraits.push(trait.key);
    }
    const segments: SegmentRecord[] = [];
    for (const segment of wanted.filter((s) => !existing.has(s.name.toLowerCase()))) {
      const created = await this.save.insert(db, workspaceId, segment, active);
      active.push(created);
      existing.set(segment.name.toLowerCase(), created);
      segments.push(created);
    }
    return {
      computedTraits,
      segments,
      segmentIds: new Map(wanted.map((s) => [s.name, existing.get(s.name.toLowerCase())!.id])),
    };
  }

  /** After the install's transaction committed: computes the traits declared, builds the segments created. */
  startComputing(workspaceId: string, installed: InstalledCatalog): void {
    if (installed.computedTraits.length > 0) void this.recompute.request(workspaceId);
    for (const segment of installed.segments) this.save.rebuild(segment);
  }
}
