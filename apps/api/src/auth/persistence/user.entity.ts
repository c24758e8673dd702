import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { type Role } from '../roles';

@Entity('users')
export class UserEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid', { name: 'workspace_id' })
  workspaceId: string;

  /** Lower-cased; unique across workspaces. */
  @Column('text')
  email: string;

  @Column('text')
  name: string;

  @Column('text')
  role: Role;

  /** `scrypt$…`, see passwords.ts. Never leaves the API. */
  @Column('text', { name: 'password_hash', select: false })
  passwordHash: string;

  @Column('int', { name: 'failed_sign_ins', default: 0 })
  failedSignIns: number;

  @Column('timestamptz', { name: 'failed_sign_ins_since', nullable: true })
  failedSignInsSince: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}

/** What a user is, without the credential columns. */
export const USER_COLUMNS = {
  id: true,
  workspaceId: true,
  email: true,
  name: true,
  role: true,
  createdAt: true,
} as const;
