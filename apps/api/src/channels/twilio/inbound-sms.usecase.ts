import { Injectable } from '@nestjs/common';
import { smsConsentKeyword } from '@parcours/domain';
import { DataSource } from 'typeorm';
import { ConsentChangesService } from '../consent-changes.service';

export type InboundSmsOutcome =
  | { kind: 'consent'; status: 'granted' | 'revoked'; result: 'changed' | 'unchanged' | 'profile_gone' }
  | { kind: 'unknown_sender' }
  | { kind: 'no_keyword' };

/**
 * A customer's text to the workspace's number: STOP and its synonyms revoke their SMS consent,
 * START / YES / UNSTOP grant it again. The customer is the profile holding the sender's number as
 * its phone identity (E.164); texts from unknown numbers or without a keyword change nothing.
 */
@Injectable()
export class InboundSmsUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly consents: ConsentChangesService,
  ) {}

  async execute(
    workspaceId: string,
    message: { from: string; body: string; optOutType?: string },
  ): Promise<InboundSmsOutcome> {
    const decision = smsConsentKeyword(message.body, message.optOutType);
    if (!decision) return { kind: 'no_keyword' };
    return this.dataSource.transaction(async (manager) => {
      const [owner]: { profile_id: string }[] = await manager.query(
        `SELECT COALESCE(p.merged_into, p.id) AS profile_id
         FROM profile_identities i JOIN profiles p ON p.id = i.profile_id
         WHERE i.workspace_id = $1 AND i.kind = 'phone' AND i.value = $2`,
        [workspaceId, message.from],
      );
      if (!owner) return { kind: 'unknown_sender' } as const;
      const result = await this.consents.apply(manager, workspaceId, owner.profile_id, {
        channel: 'sms',
        status: decision.status,
        source: `sms_keyword:${decision.keyword}`,
      });
      return {
        kind: 'consent',
        status: decision.status,
        result: result.changed ? 'changed' : result.reason,
      } as const;
    });
  }
}
