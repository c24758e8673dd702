import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { type Consents } from './dtos/profile.dto';

@Entity('profiles')
export class ProfileEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid', { name: 'workspace_id' })
  workspaceId: string;

  /** The customer's id in the sending system (Segment's `userId`). */
  @Column('text', { name: 'external_id' })
  externalId: string;

  @Column('text', { nullable: true })
  email: string | null;

  @Column('jsonb')
  traits: Record<string, unknown>;

  @Column('jsonb')
  consents: Consents;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
