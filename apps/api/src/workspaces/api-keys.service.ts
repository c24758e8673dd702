import { createHash, randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { type EntityManager, IsNull, Repository } from 'typeorm';
import { ApiKeyEntity, type ApiKeyKind } from './api-key.entity';

const PREFIX: Record<ApiKeyKind, string> = { admin: 'prk_admin_', write: 'prk_write_' };

/** SHA-256 of a random high-entropy secret (API keys, session tokens): enough to keep it unusable at rest. */
export function hashKey(key: string): Buffer {
  return createHash('sha256').update(key, 'utf8').digest();
}

@Injectable()
export class ApiKeysService {
  constructor(@InjectRepository(ApiKeyEntity) private readonly keys: Repository<ApiKeyEntity>) {}

  /** Creates a key and returns its secret: the only time it is ever visible. */
  async issue(manager: EntityManager, workspaceId: string, kind: ApiKeyKind, name: string): Promise<string> {
    const secret = PREFIX[kind] + randomBytes(32).toString('base64url');
    await manager.getRepository(ApiKeyEntity).insert({
      workspaceId,
      kind,
      name,
      keyHash: hashKey(secret),
      keyHint: secret.slice(-4),
    });
    return secret;
  }

  /** The workspace a presented key belongs to, or null when unknown, revoked or of another kind. */
  async authenticate(presented: string, kind: ApiKeyKind): Promise<string | null> {
    if (!presented.startsWith(PREFIX[kind]) || presented.length > 200) return null;
    const key = await this.keys.findOne({
      where: { keyHash: hashKey(presented), kind, revokedAt: IsNull() },
      select: { workspaceId: true },
    });
    return key?.workspaceId ?? null;
  }
}
