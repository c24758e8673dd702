export type Role = 'admin' | 'editor' | 'viewer';

export interface SessionUser {
  id: string;
  email: string;
  name: string;
  role: Role;
  createdAt: string;
}

/** `GET /auth/session`: who is signed in, in which workspace. */
export interface CurrentSession {
  user: SessionUser;
  workspace: { id: string; name: string };
}

/** Viewers read; editors and admins create, edit and publish. */
export function canEdit(role: Role): boolean {
  return role === 'editor' || role === 'admin';
}
