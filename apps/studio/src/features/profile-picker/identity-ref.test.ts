import { identityRef } from './identity-ref';

describe('identityRef', () => {
  it('reads what a person types as the identity the API looks up', () => {
    expect(identityRef(' chloe ')).toBe('user_id:chloe');
    expect(identityRef('chloe@example.test')).toBe('email:chloe@example.test');
    expect(identityRef('+33 6 12 34 56 78')).toBe('phone:+33612345678');
    expect(identityRef('crm_id:42')).toBe('crm_id:42');
    expect(identityRef('   ')).toBeNull();
  });

  it('keeps a userId that merely contains a colon after an uppercase or digit prefix as a userId', () => {
    expect(identityRef('Shop:42')).toBe('user_id:Shop:42');
  });
});
