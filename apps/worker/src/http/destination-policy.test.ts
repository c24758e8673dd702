import { DestinationPolicy } from './destination-policy';

describe('DestinationPolicy', () => {
  const strict = new DestinationPolicy();

  it.each([
    '127.0.0.1',
    '127.8.9.10',
    '10.1.2.3',
    '172.16.0.1',
    '172.31.255.255',
    '192.168.1.1',
    '169.254.169.254', // cloud metadata
    '100.64.0.1',
    '0.0.0.0',
    '224.0.0.1',
    '255.255.255.255',
    '192.0.0.192',
    '::1',
    '::',
    'fe80::1',
    'fd00:ec2::254', // AWS metadata over IPv6
    'fc00::1',
    '::ffff:127.0.0.1', // IPv4-mapped
    '::ffff:a9fe:a9fe', // 169.254.169.254, mapped, in hex
    '64:ff9b::a00:1', // NAT64 of 10.0.0.1
    '2002:a00:1::1', // 6to4 of 10.0.0.1
  ])('refuses %s', (address) => {
    expect(strict.refusal(address)).toMatch(/private, loopback, link-local or reserved/);
  });

  it.each(['93.184.216.34', '1.1.1.1', '172.32.0.1', '2606:4700:4700::1111'])(
    'lets %s through',
    (address) => {
      expect(strict.refusal(address)).toBeNull();
    },
  );

  it('refuses what is not an address', () => {
    expect(strict.refusal('localhost')).toMatch(/not an IP address/);
  });

  it('lets allowed addresses, ranges and host names through', () => {
    const policy = DestinationPolicy.fromList(' 127.0.0.1, 10.20.0.0/16 ,CRM.internal,[::1]');
    expect(policy.refusal('127.0.0.1')).toBeNull();
    expect(policy.refusal('127.0.0.2')).not.toBeNull();
    expect(policy.refusal('10.20.5.5')).toBeNull();
    expect(policy.refusal('10.21.0.1')).not.toBeNull();
    expect(policy.refusal('::1')).toBeNull();
    expect(policy.allowsHostName('crm.internal')).toBe(true);
    expect(policy.allowsHostName('crm.internal.evil.com')).toBe(false);
  });

  it.each(['10.0.0.0/33', 'not a host!', 'a/b', '10.0.0.1/8/9', '::1/129'])(
    'refuses the list entry %s',
    (entry) => {
      expect(() => new DestinationPolicy([entry])).toThrow();
    },
  );
});
