import {
  type CanActivate,
  type ExecutionContext,
  ForbiddenException,
  Injectable,
  UnauthorizedException,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { type Request } from 'express';
import { defaultRequiredRole, forbiddenMessage, REQUIRED_ROLE, type Role, roleAllows } from '../auth/roles';
import { isSessionToken, SessionsService } from '../auth/sessions.service';
import { type ApiKeyKind } from './api-key.entity';
import { ApiKeysService } from './api-keys.service';
import { type AuthenticatedRequest } from './workspace-id.decorator';

/** `Authorization: Bearer <key>`, or HTTP Basic with the key as username as Segment's SDKs send it. */
function presentedKey(req: Request): string | null {
  const header = req.headers.authorization;
  if (!header) return null;
  const [scheme, value] = header.split(' ', 2);
  if (!value) return null;
  if (scheme.toLowerCase() === 'bearer') return value.trim();
  if (scheme.toLowerCase() === 'basic') {
    const decoded = Buffer.from(value, 'base64').toString('utf8');
    return decoded.split(':', 1)[0];
  }
  return null;
}

@Injectable()
abstract class KeyGuard implements CanActivate {
  protected abstract readonly kind: ApiKeyKind;

  constructor(private readonly apiKeys: ApiKeysService) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const req = context.switchToHttp().getRequest<Request & AuthenticatedRequest>();
    const key = presentedKey(req);
    if (!key) throw new UnauthorizedException(`Missing ${this.kind} API key (Authorization header)`);
    const workspaceId = await this.apiKeys.authenticate(key, this.kind);
    if (!workspaceId) throw new UnauthorizedException(`Unknown or revoked ${this.kind} API key`);
    req.workspaceId = workspaceId;
    req.principal = { kind: 'api-key' };
    return true;
  }
}

/**
 * Admin routes: an admin key (a machine, all rights in its workspace), or the session token of a
 * signed-in user whose role allows the route (`@RequiresRole`, else read for viewers, write for
 * editors). Both travel as `Authorization: Bearer …`, never as a cookie, so there is no CSRF.
 */
@Injectable()
export class AdminKeyGuard extends KeyGuard {
  protected readonly kind = 'admin';

  constructor(
    apiKeys: ApiKeysService,
    private readonly sessions: SessionsService,
    private readonly reflector: Reflector,
  ) {
    super(apiKeys);
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const req = context.switchToHttp().getRequest<Request & AuthenticatedRequest>();
    const presented = presentedKey(req);
    if (!presented || !isSessionToken(presented)) return super.canActivate(context);

    const user = await this.sessions.authenticate(presented);
    if (!user) throw new UnauthorizedException('Your session has expired or was signed out: sign in again');
    const needed =
      this.reflector.getAllAndOverride<Role | undefined>(REQUIRED_ROLE, [
        context.getHandler(),
        context.getClass(),
      ]) ?? defaultRequiredRole(req.method);
    if (!roleAllows(user.role, needed)) throw new ForbiddenException(forbiddenMessage(user.role, needed));
    req.workspaceId = user.workspaceId;
    req.principal = { kind: 'user', ...user };
    return true;
  }
}

@Injectable()
export class WriteKeyGuard extends KeyGuard {
  protected readonly kind = 'write';
}
