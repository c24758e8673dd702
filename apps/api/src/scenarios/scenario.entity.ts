import { type ScenarioGraph } from '@parcours/domain';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

export type ScenarioStatus = 'draft' | 'live' | 'paused' | 'stopped' | 'archived';

@Entity('scenarios')
export class ScenarioEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid', { name: 'workspace_id' })
  workspaceId: string;

  @Column('text')
  name: string;

  @Column('text')
  status: ScenarioStatus;

  /** The editable graph; published versions are frozen copies in scenario_versions. */
  @Column('jsonb')
  draft: ScenarioGraph;

  @Column('int', { name: 'current_version', nullable: true })
  currentVersion: number | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
