import { createParamDecorator, type ExecutionContext, ForbiddenException } from '@nestjs/common';
import { type AuthenticatedRequest } from '../workspaces/workspace-id.decorator';
import { type SignedInUser } from './principal';

/** The signed-in user of a route guarded by AdminKeyGuard; API keys are refused (they are no one). */
export const CurrentUser = createParamDecorator((_: unknown, ctx: ExecutionContext): SignedInUser => {
  const principal = ctx.switchToHttp().getRequest<AuthenticatedRequest>().principal;
  if (!principal) throw new Error('CurrentUser used on a route without AdminKeyGuard');
  if (principal.kind !== 'user') {
    throw new ForbiddenException(
      'This route is about a signed-in user: call it with a session token, not an API key',
    );
  }
  const { kind: _kind, ...user } = principal;
  return user;
});
