import { createHmac } from 'node:crypto';
import fc from 'fast-check';
import { decodeTrackingToken, encodeTrackingToken, type TrackingMac } from './tracking-token';

const macWith =
  (secret: string): TrackingMac =>
  (data) =>
    createHmac('sha256', secret).update(data).digest();
const mac = macWith('a-secret-of-at-least-thirty-two-characters');
const messageId = '0190a6c4-2b7e-7c3d-8f00-0000000000aa';

describe('tracking tokens', () => {
  it('round-trips opens, clicks (with their URL) and unsubscribes', () => {
    for (const claim of [
      { messageId, action: 'open' as const },
      { messageId, action: 'unsubscribe' as const },
      { messageId, action: 'click' as const, url: 'https://shop.example/é?a=1&b=<2>#top' },
    ]) {
      expect(decodeTrackingToken(encodeTrackingToken(claim, mac), mac)).toEqual(claim);
    }
  });

  it('refuses a token signed with another secret', () => {
    const token = encodeTrackingToken(
      { messageId, action: 'open' },
      macWith('another-secret-another-secret-xx'),
    );
    expect(decodeTrackingToken(token, mac)).toBeNull();
  });

  it('refuses a click token whose URL or message was swapped', () => {
    const token = encodeTrackingToken({ messageId, action: 'click', url: 'https://shop.example/' }, mac);
    const [, signature] = token.split('.');
    const evil = encodeTrackingToken({ messageId, action: 'click', url: 'https://evil.example/' }, mac);
    const [evilPayload] = evil.split('.');
    expect(decodeTrackingToken(`${evilPayload}.${signature}`, mac)).toBeNull();
  });

  it('refuses malformed, truncated and oversized tokens (property)', () => {
    const token = encodeTrackingToken({ messageId, action: 'click', url: 'https://shop.example/' }, mac);
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), fc.nat(token.length - 1), (noise, cut) => {
        expect(decodeTrackingToken(noise, mac)).toBeNull();
        expect(decodeTrackingToken(token.slice(0, cut), mac)).toBeNull();
        expect(decodeTrackingToken(`${token}${noise.replace(/[.]/g, '')}x`, mac)).toBeNull();
      }),
    );
    expect(decodeTrackingToken('a'.repeat(10_000), mac)).toBeNull();
  });

  it('refuses a genuine signature over a payload that is not a claim', () => {
    const forge = (fields: unknown) => {
      const payload = Buffer.from(JSON.stringify(fields)).toString('base64url');
      const signature = mac(`parcours-tracking.v1.${payload}`).subarray(0, 16);
      return `${payload}.${Buffer.from(signature).toString('base64url')}`;
    };
    expect(decodeTrackingToken(forge([messageId, 'o']), mac)).toEqual({ messageId, action: 'open' });
    expect(decodeTrackingToken(forge(['not-a-uuid', 'o']), mac)).toBeNull();
    expect(decodeTrackingToken(forge([messageId, 'c']), mac)).toBeNull();
    expect(decodeTrackingToken(forge([messageId, 'x']), mac)).toBeNull();
    expect(decodeTrackingToken(forge({ messageId }), mac)).toBeNull();
  });
});
