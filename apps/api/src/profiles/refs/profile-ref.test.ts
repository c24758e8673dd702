import { identityRefSchema, profileRefSchema } from './profile-ref';

const parse = (raw: string) => profileRefSchema.safeParse(raw);

describe('profile references', () => {
  it('reads a bare value as a userId, kind:value as an identity, id:<uuid> as the profile id', () => {
    expect(parse('ann').data).toEqual({ by: 'identity', kind: 'user_id', value: 'ann', raw: 'ann' });
    expect(parse('email:Ann@Example.TEST').data).toMatchObject({ kind: 'email', value: 'ann@example.test' });
    expect(parse('phone:+33 6 12 34 56 78').data).toMatchObject({ kind: 'phone', value: '+33612345678' });
    expect(parse('crm_id:42').data).toMatchObject({ by: 'identity', kind: 'crm_id', value: '42' });
    expect(parse('user_id:urn:acme:7').data).toMatchObject({ kind: 'user_id', value: 'urn:acme:7' });
    expect(parse('anonymous_id:a:b').data).toMatchObject({ kind: 'anonymous_id', value: 'a:b' });
    const id = '0b7a4c1e-2f7d-4f6e-9a51-5a3c0f7e9d10';
    expect(parse(`id:${id.toUpperCase()}`).data).toEqual({ by: 'id', id, raw: `id:${id.toUpperCase()}` });
  });

  it.each([
    ['', /Too small/],
    ['   ', /Too small/],
    ['id:42', /uuid/],
    ['id:', /uuid/],
    ['Email:ann@example.test', /not an identity kind/],
    ['e-mail:ann@example.test', /not an identity kind/],
    [':ann', /not an identity kind/],
    ['9urn:acme:7', /not an identity kind/],
    ['email:', /Invalid email/],
    ['email:not-an-email', /Invalid email/],
    ['phone:12', /Invalid phone/],
    ['crm_id:', /cannot be empty/],
    ['crm_id:   ', /cannot be empty/],
    [`crm_id:${'x'.repeat(321)}`, /Invalid crm_id/],
    ['z'.repeat(201), /200/],
    [`${'k'.repeat(41)}:v`, /not an identity kind/],
  ])('refuses %j with a reason', (raw, reason) => {
    const result = parse(raw);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0].message).toMatch(reason);
  });

  it('requires kind:value for an identity lookup', () => {
    expect(identityRefSchema.safeParse('ann').error?.issues[0].message).toMatch(/kind:value/);
    expect(identityRefSchema.safeParse('user_id:ann').data).toMatchObject({ kind: 'user_id', value: 'ann' });
  });
});
