import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { type Consents } from './dtos/profile.dto';

@Entity('profiles')
export class ProfileEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid', { name: 'workspace_id' })
  workspaceId: string;

  /** The customer's id in the sending system (Segment's `userId`); null for anonymous visitors. */
  @Column('text', { name: 'external_id', nullable: true })
  externalId: string | null;

  @Column('text', { nullable: true })
  email: string | null;

  /** E.164. */
  @Column('text', { nullable: true })
  phone: string | null;

  @Column('jsonb')
  traits: Record<string, unknown>;

  @Column('jsonb')
  consents: Consents;

  /** Filled by segment computation, never by clients. */
  @Column('jsonb', { name: 'computed_traits' })
  computedTraits: Record<string, unknown>;

  /** Set on a merged-away profile: it is only a pointer to its survivor. */
  @Column('uuid', { name: 'merged_into', nullable: true })
  mergedInto: string | null;

  /** Set when the person was erased (GDPR): every personal field is blank. */
  @Column('timestamptz', { name: 'erased_at', nullable: true })
  erasedAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
