import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { type Principal } from '../auth/principal';

export interface AuthenticatedRequest {
  workspaceId?: string;
  /** Set by AdminKeyGuard: an admin key or a signed-in user. */
  principal?: Principal;
}

/** The workspace resolved by AdminKeyGuard or WriteKeyGuard. */
export const WorkspaceId = createParamDecorator((_: unknown, ctx: ExecutionContext): string => {
  const workspaceId = ctx.switchToHttp().getRequest<AuthenticatedRequest>().workspaceId;
  if (!workspaceId) throw new Error('WorkspaceId used on a route without a key guard');
  return workspaceId;
});
