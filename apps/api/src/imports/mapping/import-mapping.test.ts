import {
  conventionalTarget,
  ImportArgumentError,
  ImportMapping,
  parseMapOptions,
  parseTarget,
} from './import-mapping';

describe('import mapping', () => {
  it('maps conventional columns, loosely spelled, for profiles', () => {
    const mapping = new ImportMapping('profiles', {});
    expect(
      ['userId', 'user_id', 'User ID', 'anonymousId', 'Email', 'phone'].map((c) => mapping.target(c)),
    ).toEqual([
      { to: 'identity', kind: 'user_id' },
      { to: 'identity', kind: 'user_id' },
      { to: 'identity', kind: 'user_id' },
      { to: 'identity', kind: 'anonymous_id' },
      { to: 'identity', kind: 'email' },
      { to: 'identity', kind: 'phone' },
    ]);
    expect(mapping.target('consent_email')).toEqual({ to: 'consent', channel: 'email' });
    expect(mapping.target('consents.push')).toEqual({ to: 'consent', channel: 'push' });
    expect(mapping.target('first_name')).toEqual({ to: 'trait', path: ['firstName'], cast: 'string' });
    expect(mapping.target('traits.address.city')).toEqual({
      to: 'trait',
      path: ['address', 'city'],
      cast: 'string',
    });
    expect(mapping.target('Loyalty Tier')).toEqual({ to: 'trait', path: ['Loyalty Tier'], cast: 'string' });
    // Segment envelope fields of an identify export are not traits.
    expect(mapping.target('type')).toEqual({ to: 'ignore' });
    expect(mapping.target('context.ip')).toEqual({ to: 'ignore' });
  });

  it('maps conventional columns for events; anything else is a property', () => {
    const mapping = new ImportMapping('events', {});
    expect(mapping.target('event')).toEqual({ to: 'event' });
    expect(mapping.target('messageId')).toEqual({ to: 'message_id' });
    expect(mapping.target('timestamp')).toEqual({ to: 'timestamp' });
    expect(mapping.target('properties.total')).toEqual({ to: 'property', path: ['total'], cast: 'string' });
    expect(mapping.target('context.page.url')).toEqual({
      to: 'context',
      path: ['page', 'url'],
      cast: 'string',
    });
    expect(mapping.target('sku')).toEqual({ to: 'property', path: ['sku'], cast: 'string' });
  });

  it('lets explicit choices override conventions', () => {
    const mapping = new ImportMapping('profiles', {
      email: 'ignore',
      'Customer No': 'identity.crm_id',
      age: 'traits.age:number',
      prefs: 'traits.prefs:json',
    });
    expect(mapping.target('email')).toEqual({ to: 'ignore' });
    expect(mapping.target('Customer No')).toEqual({ to: 'identity', kind: 'crm_id' });
    expect(mapping.target('age')).toEqual({ to: 'trait', path: ['age'], cast: 'number' });
    expect(mapping.target('prefs')).toEqual({ to: 'trait', path: ['prefs'], cast: 'json' });
  });

  it('refuses targets that cannot work, naming them', () => {
    const refused: [string, 'profiles' | 'events', RegExp][] = [
      ['nowhere', 'profiles', /Unknown target "nowhere"/],
      ['identity.CRM', 'profiles', /identity kind/],
      ['traits.age:decimal', 'profiles', /a cast is one of/],
      ['email:number', 'profiles', /only traits, properties and context take a cast/],
      ['event', 'profiles', /only for event imports/],
      ['traits.x', 'events', /event imports do not change traits/],
      ['consent.fax', 'profiles', /consent channels are email, sms, push/],
      ['traits.a..b', 'profiles', /not a trait path/],
    ];
    for (const [target, kind, message] of refused) {
      expect(() => parseTarget(target, kind)).toThrow(ImportArgumentError);
      expect(() => parseTarget(target, kind)).toThrow(message);
    }
  });

  it('parses --map options, the last = separating column from target', () => {
    expect(parseMapOptions(['a=b=traits.x', ' Plan = traits.plan '])).toEqual({
      'a=b': 'traits.x',
      Plan: 'traits.plan',
    });
    expect(() => parseMapOptions(['nothing'])).toThrow(/not column=target/);
    expect(() => parseMapOptions(['a=ignore', 'a=traits.a'])).toThrow(/mapped twice/);
    expect(conventionalTarget('x.y', 'events')).toEqual({ to: 'property', path: ['x', 'y'], cast: 'string' });
  });
});
