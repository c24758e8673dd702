import { type ScenarioGraph } from '@parcours/domain';
import { type JourneyDefinition } from '@parcours/domain/journey';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** Immutable once inserted: journeys pin the version they entered with. */
@Entity('scenario_versions')
export class ScenarioVersionEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid', { name: 'workspace_id' })
  workspaceId: string;

  @Column('uuid', { name: 'scenario_id' })
  scenarioId: string;

  @Column('int')
  version: number;

  @Column('jsonb')
  graph: ScenarioGraph;

  @Column('jsonb')
  definition: JourneyDefinition;

  @Column('text', { name: 'trigger_event', nullable: true })
  triggerEvent: string | null;

  @Column('text', { name: 'trigger_type' })
  triggerType: string;

  /** Event names its steps wait for: delivered by signal to its running journeys. */
  @Column('text', { name: 'listens_for', array: true, default: () => `'{}'` })
  listensFor: string[];

  /** Event names of its exit criteria: looked up for every stored event. */
  @Column('text', { name: 'exit_events', array: true, default: () => `'{}'` })
  exitEvents: string[];

  @Column('timestamptz', { name: 'published_at', default: () => 'now()' })
  publishedAt: Date;
}
