import { SetMetadata } from '@nestjs/common';

/** From least to most rights: each role can do everything the roles before it can. */
export const ROLES = ['viewer', 'editor', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export function roleAllows(role: Role, needed: Role): boolean {
  return ROLES.indexOf(role) >= ROLES.indexOf(needed);
}

export const REQUIRED_ROLE = 'parcours:required-role';

/**
 * The least role a signed-in user needs for a route. Without it, reading (GET, HEAD) needs a
 * viewer and anything else an editor. API keys are machines acting for the whole workspace and
 * are not subject to roles.
 */
export const RequiresRole = (role: Role) => SetMetadata(REQUIRED_ROLE, role);

export function defaultRequiredRole(method: string): Role {
  return method === 'GET' || method === 'HEAD' ? 'viewer' : 'editor';
}

const WHAT_ROLES_DO: Record<Role, string> = {
  viewer: 'read',
  editor: 'create, edit and publish',
  admin: 'manage users',
};

/** "Your role (viewer) can only read: this needs the editor role (create, edit and publish)." */
export function forbiddenMessage(role: Role, needed: Role): string {
  return `Your role (${role}) can only ${WHAT_ROLES_DO[role]}: this needs the ${needed} role (${WHAT_ROLES_DO[needed]})`;
}
