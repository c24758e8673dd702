import { type ExecutionContext, Injectable, UnauthorizedException } from '@nestjs/common';
import { type Request } from 'express';
import { ApiKeysService } from '../workspaces/api-keys.service';
import { WriteKeyGuard } from '../workspaces/key.guards';
import { type AuthenticatedRequest } from '../workspaces/workspace-id.decorator';

/** How long an accepted write key is trusted without asking the database again. */
export const WRITE_KEY_CACHE_MS = 5_000;
const MAX_CACHED_KEYS = 1_000;

/**
 * The write key as Segment takes it: HTTP Basic username (server SDKs) or Bearer in the
 * `Authorization` header, or — when there is no such header, as analytics.js in a browser sends
 * it — a `writeKey` field in the JSON body.
 *
 * An SDK sends many requests a second with one key: an accepted key is remembered for
 * `WRITE_KEY_CACHE_MS`, so a revoked key may still be taken for that long. Refusals are not
 * remembered.
 */
@Injectable()
export class IngestionKeyGuard extends WriteKeyGuard {
  private readonly accepted = new Map<string, { workspaceId: string; until: number }>();

  constructor(private readonly keys: ApiKeysService) {
    super(keys);
  }

  override async canActivate(context: ExecutionContext): Promise<boolean> {
    const req = context.switchToHttp().getRequest<Request & AuthenticatedRequest>();
    const header = req.headers.authorization;
    const bodyKey: unknown = (req.body as { writeKey?: unknown } | undefined)?.writeKey;
    const credential = header ? `header ${header}` : typeof bodyKey === 'string' ? `body ${bodyKey}` : null;
    const cached = credential === null ? undefined : this.accepted.get(credential);
    if (cached && cached.until > Date.now()) {
      req.workspaceId = cached.workspaceId;
      return true;
    }
    if (header || typeof bodyKey !== 'string') {
      await super.canActivate(context);
    } else {
      const workspaceId = await this.keys.authenticate(bodyKey, 'write');
      if (!workspaceId) throw new UnauthorizedException('Unknown or revoked write API key');
      req.workspaceId = workspaceId;
    }
    if (credential !== null && req.workspaceId) this.remember(credential, req.workspaceId);
    return true;
  }

  private remember(credential: string, workspaceId: string): void {
    this.accepted.delete(credential);
    this.accepted.set(credential, { workspaceId, until: Date.now() + WRITE_KEY_CACHE_MS });
    if (this.accepted.size > MAX_CACHED_KEYS) this.accepted.delete(this.accepted.keys().next().value!);
  }
}
