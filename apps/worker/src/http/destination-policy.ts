import { HttpRequestError } from '@parcours/domain';
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { BlockList, isIP, type LookupFunction } from 'node:net';

type Family = 'ipv4' | 'ipv6';

/**
 * Ranges an outbound call from a journey must not reach unless allowed: the worker's own host,
 * its private network, link-local (where cloud metadata services answer) and the like. Node's
 * BlockList also matches IPv4-mapped IPv6 addresses (::ffff:10.0.0.1) against the IPv4 rules.
 */
const REFUSED: [string, number, Family][] = [
  ['0.0.0.0', 8, 'ipv4'], // "this" network
  ['10.0.0.0', 8, 'ipv4'],
  ['100.64.0.0', 10, 'ipv4'], // carrier-grade NAT
  ['127.0.0.0', 8, 'ipv4'],
  ['169.254.0.0', 16, 'ipv4'], // link-local, 169.254.169.254 metadata
  ['172.16.0.0', 12, 'ipv4'],
  ['192.0.0.0', 24, 'ipv4'], // IETF protocol assignments (some metadata services)
  ['192.168.0.0', 16, 'ipv4'],
  ['198.18.0.0', 15, 'ipv4'], // benchmarking
  ['224.0.0.0', 4, 'ipv4'], // multicast
  ['240.0.0.0', 4, 'ipv4'], // reserved, broadcast
  ['::', 128, 'ipv6'],
  ['::1', 128, 'ipv6'],
  ['64:ff9b::', 96, 'ipv6'], // NAT64: would reach any IPv4 address, private ones included
  ['64:ff9b:1::', 48, 'ipv6'],
  ['2002::', 16, 'ipv6'], // 6to4, likewise
  ['fc00::', 7, 'ipv6'], // unique local, fd00:ec2::254 metadata
  ['fe80::', 10, 'ipv6'], // link-local
  ['ff00::', 8, 'ipv6'], // multicast
];

const HOSTNAME =
  /^(?=.{1,253}$)[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?(\.[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?)*$/;

const familyOf = (address: string): Family => (isIP(address) === 6 ? 'ipv6' : 'ipv4');

/** Which destinations the worker's outbound HTTP may reach. */
export class DestinationPolicy {
  private readonly refused = new BlockList();
  private readonly allowedRanges = new BlockList();
  private readonly allowedHosts = new Set<string>();

  /**
   * `allowed`: host names (exact), IP addresses and CIDR ranges let through although private,
   * e.g. `crm.internal, 10.1.0.0/16` (from `WEBHOOK_ALLOWED_HOSTS`). Throws on a malformed entry.
   */
  constructor(allowed: readonly string[] = []) {
    for (const [network, prefix, family] of REFUSED) this.refused.addSubnet(network, prefix, family);
    for (const raw of allowed) {
      const entry = raw
        .trim()
        .toLowerCase()
        .replace(/^\[(.*)\]$/, '$1');
      const [network, prefix, extra] = entry.split('/');
      if (prefix !== undefined && extra === undefined && isIP(network) && /^\d{1,3}$/.test(prefix)) {
        const bits = Number(prefix);
        if (bits > (isIP(network) === 6 ? 128 : 32)) throw new Error(`Invalid CIDR range '${raw}'`);
        this.allowedRanges.addSubnet(network, bits, familyOf(network));
      } else if (prefix === undefined && isIP(entry)) {
        this.allowedRanges.addAddress(entry, familyOf(entry));
      } else if (prefix === undefined && HOSTNAME.test(entry)) {
        this.allowedHosts.add(entry);
      } else {
        throw new Error(`'${raw}' is not a host name, an IP address or a CIDR range`);
      }
    }
  }

  /** Parses a comma-separated list (an environment variable). */
  static fromList(list: string | undefined): DestinationPolicy {
    return new DestinationPolicy((list ?? '').split(',').filter((entry) => entry.trim() !== ''));
  }

  /** A host name allowed as such: its addresses are not checked. */
  allowsHostName(hostname: string): boolean {
    return this.allowedHosts.has(hostname.toLowerCase());
  }

  /**
   * A socket's DNS lookup under the policy: every address the name resolves to is checked (unless
   * the name is allowed as such), and the socket connects to a checked one (no second lookup an
   * attacker's DNS could answer differently). IP literals skip lookups: check them with `refusal`.
   */
  readonly checkedLookup: LookupFunction = (hostname, options, callback) => {
    if (this.allowsHostName(hostname)) return dnsLookup(hostname, options, callback);
    dnsLookup(hostname, { ...options, all: true }, (error, addresses: LookupAddress[]) => {
      if (error) return callback(error, '', 0);
      for (const { address } of addresses) {
        const refusal = this.refusal(address);
        if (refusal) {
          return callback(
            new HttpRequestError('refused_destination', `${hostname} resolves to ${refusal}`),
            '',
            0,
          );
        }
      }
      if (options.all) (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, addresses);
      else callback(null, addresses[0].address, addresses[0].family);
    });
  };

  /** Why `address` may not be reached, or `null` if it may. */
  refusal(address: string): string | null {
    if (!isIP(address)) return `'${address}' is not an IP address`;
    const family = familyOf(address);
    if (this.allowedRanges.check(address, family)) return null;
    return this.refused.check(address, family)
      ? `${address} is a private, loopback, link-local or reserved address`
      : null;
  }
}
