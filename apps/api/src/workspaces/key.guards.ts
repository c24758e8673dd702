import { type CanActivate, type ExecutionContext, Injectable, UnauthorizedException } from '@nestjs/common';
import { type Request } from 'express';
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
    return true;
  }
}

@Injectable()
export class AdminKeyGuard extends KeyGuard {
  protected readonly kind = 'admin';
}

@Injectable()
export class WriteKeyGuard extends KeyGuard {
  protected readonly kind = 'write';
}
