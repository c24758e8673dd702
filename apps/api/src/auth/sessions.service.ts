import { randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager, LessThan } from 'typeorm';
import { hashKey } from '../workspaces/api-keys.service';
import { UserSessionEntity } from './persistence/user-session.entity';
import { type SignedInUser } from './principal';
import { type Role } from './roles';

const TOKEN_PREFIX = 'prs_';
/** A working day and then some; signing out or deleting the user ends it sooner. */
export const SESSION_LIFETIME_MS = 12 * 60 * 60_000;

export interface IssuedSession {
  token: string;
  expiresAt: Date;
}

/** Session tokens travel as `Authorization: Bearer prs_…`, next to admin keys (`prk_admin_…`). */
export function isSessionToken(presented: string): boolean {
  return presented.startsWith(TOKEN_PREFIX);
}

@Injectable()
export class SessionsService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** A new session for the user; their expired ones are cleared on the way. */
  async issue(manager: EntityManager, userId: string, now = new Date()): Promise<IssuedSession> {
    const token = TOKEN_PREFIX + randomBytes(32).toString('base64url');
    const expiresAt = new Date(now.getTime() + SESSION_LIFETIME_MS);
    const sessions = manager.getRepository(UserSessionEntity);
    await sessions.delete({ userId, expiresAt: LessThan(now) });
    await sessions.insert({ userId, tokenHash: hashKey(token), expiresAt });
    return { token, expiresAt };
  }

  /** The user behind a live session token, with their current role; null when unknown or expired. */
  async authenticate(token: string): Promise<SignedInUser | null> {
    if (!isSessionToken(token) || token.length > 200) return null;
    const rows: {
      session_id: string;
      user_id: string;
      workspace_id: string;
      email: string;
      name: string;
      role: Role;
    }[] = await this.dataSource.query(
      `SELECT s.id AS session_id, u.id AS user_id, u.workspace_id, u.email, u.name, u.role
         FROM user_sessions s JOIN users u ON u.id = s.user_id
        WHERE s.token_hash = $1 AND s.expires_at > now()`,
      [hashKey(token)],
    );
    const row = rows[0];
    if (!row) return null;
    return {
      sessionId: row.session_id,
      userId: row.user_id,
      workspaceId: row.workspace_id,
      email: row.email,
      name: row.name,
      role: row.role,
    };
  }

  async revoke(sessionId: string): Promise<void> {
    await this.dataSource.getRepository(UserSessionEntity).delete({ id: sessionId });
  }

  /** Signs the user out everywhere (password changed). */
  async revokeAll(manager: EntityManager, userId: string): Promise<void> {
    await manager.getRepository(UserSessionEntity).delete({ userId });
  }
}
