import { type Role } from './roles';

/** A person signed in to the studio, as resolved from their session token on each request. */
export interface SignedInUser {
  sessionId: string;
  userId: string;
  workspaceId: string;
  email: string;
  name: string;
  role: Role;
}

/** Who a request acts as: a machine with an admin key, or a signed-in user. */
export type Principal = { kind: 'api-key' } | ({ kind: 'user' } & SignedInUser);
