// A local HTTPS server standing in for browsers' push services (FCM, Mozilla autopush…): it
// records each message as the service would receive it, and the subscriptions it hands out carry
// real browser-side keys (P-256 pair + auth secret), so a test can decrypt what was pushed.
import { execFile } from 'node:child_process';
import { createECDH, type ECDH, randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import https from 'node:https';
import { type AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
// eslint-disable-next-line @typescript-eslint/no-require-imports -- http_ece (web-push's own) ships no types
const ece = require('http_ece') as {
  decrypt(buffer: Buffer, params: { version: 'aes128gcm'; privateKey: ECDH; authSecret: string }): Buffer;
};

export interface PushedMessage {
  /** The subscription's path on the stand-in. */
  path: string;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

export interface BrowserSubscription {
  endpoint: string;
  keys: { p256dh: string; auth: string };
  /** The payload of a message pushed to this subscription, decrypted as the browser would. */
  decrypt(message: PushedMessage): string;
}

export type PushAnswer = { status: number; headers?: Record<string, string> } | 'hang';

export interface PushServiceStandIn {
  /** The stand-in's certificate (PEM), to trust it. */
  ca: string;
  messages: PushedMessage[];
  subscription(): BrowserSubscription;
  /** Answers to the next messages for this subscription, in order; then 201 Created. */
  script(subscription: BrowserSubscription, ...answers: PushAnswer[]): void;
  close(): Promise<void>;
}

const run = promisify(execFile);

async function selfSignedCertificate(): Promise<{ key: string; cert: string }> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'push-stand-in-'));
  try {
    await run('openssl', [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-nodes',
      '-keyout',
      path.join(dir, 'key.pem'),
      '-out',
      path.join(dir, 'cert.pem'),
      '-days',
      '1',
      '-subj',
      '/CN=127.0.0.1',
      '-addext',
      'subjectAltName=IP:127.0.0.1',
    ]);
    return {
      key: await fs.readFile(path.join(dir, 'key.pem'), 'utf8'),
      cert: await fs.readFile(path.join(dir, 'cert.pem'), 'utf8'),
    };
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}

export async function startPushServiceStandIn(): Promise<PushServiceStandIn> {
  const { key, cert } = await selfSignedCertificate();
  const messages: PushedMessage[] = [];
  const scripted = new Map<string, PushAnswer[]>();
  const server = https.createServer({ key, cert }, (req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const pathname = req.url ?? '';
      messages.push({ path: pathname, headers: req.headers, body: Buffer.concat(chunks) });
      const answer = scripted.get(pathname)?.shift() ?? { status: 201 };
      if (answer === 'hang') return;
      res.writeHead(answer.status, { location: `https://127.0.0.1/m/${randomUUID()}`, ...answer.headers });
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    ca: cert,
    messages,
    subscription() {
      const browserKey = createECDH('prime256v1');
      browserKey.generateKeys();
      const auth = randomBytes(16).toString('base64url');
      return {
        endpoint: `https://127.0.0.1:${port}/push/${randomUUID()}`,
        keys: { p256dh: browserKey.getPublicKey().toString('base64url'), auth },
        decrypt: (message) =>
          ece
            .decrypt(message.body, { version: 'aes128gcm', privateKey: browserKey, authSecret: auth })
            .toString('utf8'),
      };
    },
    script(subscription, ...answers) {
      const pathname = new URL(subscription.endpoint).pathname;
      scripted.set(pathname, [...(scripted.get(pathname) ?? []), ...answers]);
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
