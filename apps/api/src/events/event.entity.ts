import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** Append-only: events are never updated, only inserted (and deleted with their workspace). */
@Entity('events')
export class EventEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid', { name: 'workspace_id' })
  workspaceId: string;

  @Column('uuid', { name: 'profile_id' })
  profileId: string;

  /** Segment call type: track, page, screen, identify, group or alias. */
  @Column('text')
  type: string;

  /** The event name for track; the page or screen name (or 'page'/'screen'); else the call type. */
  @Column('text')
  name: string;

  @Column('jsonb')
  properties: Record<string, unknown>;

  /** Segment's `context`, as sent (null when absent). */
  @Column('jsonb', { nullable: true })
  context: Record<string, unknown> | null;

  @Column('text', { name: 'message_id', nullable: true })
  messageId: string | null;

  @Column('timestamptz', { name: 'occurred_at' })
  occurredAt: Date;

  @Column('timestamptz', { name: 'received_at', default: () => 'now()' })
  receivedAt: Date;
}
