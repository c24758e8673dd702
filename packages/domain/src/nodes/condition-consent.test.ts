import { conditionConsentNode, isContactable } from './condition-consent';
import { createFakeExecutionContext, portOf } from './fake-execution-context';
import type { ProfileSnapshot } from './node-execution';

const granted = { status: 'granted' as const, at: '2026-01-01T00:00:00Z' };
const revoked = { status: 'revoked' as const, at: '2026-01-02T00:00:00Z' };

async function port(channel: 'email' | 'sms' | 'push', profile: Partial<ProfileSnapshot> | null) {
  const ctx = createFakeExecutionContext({ profile });
  return portOf(await conditionConsentNode.execute!(ctx, { channel }));
}

describe('condition.consent', () => {
  it('is yes with granted consent and an address for the channel', async () => {
    expect(await port('email', { email: 'a@example.com', consents: { email: granted } })).toBe('yes');
    expect(await port('sms', { phone: '+33612345678', consents: { sms: granted } })).toBe('yes');
    expect(await port('push', { consents: { push: granted } })).toBe('yes');
  });

  it('never infers consent from an address', async () => {
    expect(await port('email', { email: 'a@example.com', consents: {} })).toBe('no');
    expect(await port('sms', { phone: '+33612345678' })).toBe('no');
  });

  it('is no when consent was revoked, or granted on another channel only', async () => {
    expect(await port('email', { email: 'a@example.com', consents: { email: revoked } })).toBe('no');
    expect(await port('email', { email: 'a@example.com', consents: { sms: granted } })).toBe('no');
  });

  it('is no without an address, or when the customer was erased', async () => {
    expect(await port('email', { email: null, consents: { email: granted } })).toBe('no');
    expect(await port('sms', { phone: null, consents: { sms: granted } })).toBe('no');
    expect(await port('email', null)).toBe('no');
  });

  it('records the branch as the outcome', async () => {
    const ctx = createFakeExecutionContext({
      profile: { email: 'a@example.com', consents: { email: granted } },
    });
    expect(await conditionConsentNode.execute!(ctx, { channel: 'email' })).toEqual({
      port: 'yes',
      outcome: 'yes',
    });
  });

  it('refuses unknown channels', () => {
    expect(conditionConsentNode.configSchema.safeParse({ channel: 'fax' }).success).toBe(false);
    expect(conditionConsentNode.configSchema.safeParse({}).success).toBe(false);
  });

  it('isContactable is what the node applies', () => {
    const profile = createFakeProfile({ email: 'a@example.com', consents: { email: granted } });
    expect(isContactable(profile, 'email')).toBe(true);
    expect(isContactable(profile, 'sms')).toBe(false);
  });
});

function createFakeProfile(fields: Partial<ProfileSnapshot>): ProfileSnapshot {
  return {
    id: 'p',
    userId: null,
    email: null,
    phone: null,
    timezone: null,
    traits: {},
    computed: {},
    consents: {},
    ...fields,
  };
}
