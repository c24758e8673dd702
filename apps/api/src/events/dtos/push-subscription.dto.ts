import { ECDH } from 'node:crypto';
import { BlockList, isIP } from 'node:net';
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { isStorableTime } from '../ingestion-limits';
import { callerFields, requireUserOrAnonymousId } from './segment-calls.dto';

const MAX_ENDPOINT_LENGTH = 2_048;
const BASE64URL = /^[A-Za-z0-9_-]+={0,2}$/;

/**
 * Addresses a push service never has. Anyone holding the (public) write key can register an
 * endpoint, and the sender will later POST to it: these are refused at the door. Names that
 * resolve to such addresses are the sender's to refuse, when it connects.
 */
const LOCAL_ADDRESSES = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.168.0.0', 16],
] as const) {
  LOCAL_ADDRESSES.addSubnet(network, prefix, 'ipv4');
}
for (const [network, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['::ffff:0:0', 96],
  ['fc00::', 7],
  ['fe80::', 10],
] as const) {
  LOCAL_ADDRESSES.addSubnet(network, prefix, 'ipv6');
}

function endpointProblem(value: string): string | null {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return 'Must be a URL';
  }
  if (url.protocol !== 'https:') return 'Must be an https URL';
  if (url.username || url.password) return 'Must not carry credentials';
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1').toLowerCase();
  const family = isIP(host);
  if (
    host === 'localhost' ||
    host.endsWith('.localhost') ||
    (family !== 0 && LOCAL_ADDRESSES.check(host, family === 4 ? 'ipv4' : 'ipv6'))
  ) {
    return 'Must be a push service on the internet, not a local or private address';
  }
  return null;
}

const endpoint = z
  .string()
  .max(MAX_ENDPOINT_LENGTH)
  .superRefine((value, ctx) => {
    const problem = endpointProblem(value);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  })
  .meta({ description: 'The push service URL the browser gave (https); unique per workspace' });

/** Decodes a base64url key of exactly `bytes` bytes, or null. */
function decodeKey(value: string, bytes: number): Buffer | null {
  if (!BASE64URL.test(value)) return null;
  const key = Buffer.from(value, 'base64url');
  return key.length === bytes ? key : null;
}

function isP256Point(key: Buffer): boolean {
  try {
    ECDH.convertKey(key, 'prime256v1'); // throws unless the point is on the curve
    return key[0] === 0x04;
  } catch {
    return false;
  }
}

/** A base64url key of `bytes` bytes (padding allowed), stored unpadded as browsers give it. */
function base64urlKey(bytes: number, check?: { test(key: Buffer): boolean; message: string }) {
  return z
    .string()
    .max(200)
    .transform((value, ctx) => {
      const key = decodeKey(value, bytes);
      if (!key) {
        ctx.addIssue({ code: 'custom', message: `Must be ${bytes} bytes, base64url-encoded` });
        return z.NEVER;
      }
      if (check && !check.test(key)) {
        ctx.addIssue({ code: 'custom', message: check.message });
        return z.NEVER;
      }
      return key.toString('base64url');
    });
}

/** The standard `PushSubscription.toJSON()`, as a browser gives it. */
export const pushSubscriptionSchema = z.object({
  endpoint,
  expirationTime: z
    .number()
    .refine(isStorableTime, 'Must be a time in milliseconds since 1970 within the years 0001–9999')
    .nullish()
    .meta({ description: 'When the push service will drop the subscription (ms since 1970), if it says' }),
  keys: z.object({
    p256dh: base64urlKey(65, {
      test: isP256Point,
      message: 'Must be an uncompressed P-256 public key (65 bytes, a point on the curve)',
    }).meta({ description: "The browser's P-256 public key, base64url" }),
    auth: base64urlKey(16).meta({ description: 'The 16-byte authentication secret, base64url' }),
  }),
});

export const registerPushSubscriptionSchema = z
  .object({ ...callerFields, subscription: pushSubscriptionSchema })
  .superRefine(requireUserOrAnonymousId);

export class RegisterPushSubscriptionDto extends createZodDto(registerPushSubscriptionSchema) {}
export class RemovePushSubscriptionDto extends createZodDto(z.object({ endpoint })) {}
export class PushSubscriptionRemovedDto extends createZodDto(
  z.object({
    success: z.literal(true),
    removed: z.boolean().meta({ description: 'false when no subscription had this endpoint' }),
  }),
) {}
