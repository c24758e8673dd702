// A local HTTP server standing in for the loyalty API the example node package calls
// (examples/nodes-loyalty): `POST /customers/:id/points`, applying each Idempotency-Key once.
import http from 'node:http';
import { type AddressInfo } from 'node:net';

export interface LoyaltyRequest {
  customerId: string;
  idempotencyKey: string | undefined;
  authorization: string | undefined;
  body: { points?: number; reason?: string };
}

export interface LoyaltyStandIn {
  url: string;
  requests: LoyaltyRequest[];
  /** Points credited per customer: a request whose key was already applied credits nothing. */
  balances: Map<string, number>;
  /** Statuses of the next requests about a customer, in order; then 200 with the balance. */
  script(customerId: string, ...statuses: number[]): void;
  close(): Promise<void>;
}

export async function startLoyaltyStandIn(): Promise<LoyaltyStandIn> {
  const requests: LoyaltyRequest[] = [];
  const balances = new Map<string, number>();
  const applied = new Set<string>();
  const scripted = new Map<string, number[]>();
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const match = /^\/api\/customers\/([^/]+)\/points$/.exec(req.url ?? '');
      if (req.method !== 'POST' || !match) return void res.writeHead(404).end();
      const customerId = decodeURIComponent(match[1]);
      const idempotencyKey = req.headers['idempotency-key'] as string | undefined;
      const body = JSON.parse(Buffer.concat(chunks).toString() || '{}') as LoyaltyRequest['body'];
      requests.push({ customerId, idempotencyKey, authorization: req.headers.authorization, body });
      const status = scripted.get(customerId)?.shift() ?? 200;
      if (status !== 200) return void res.writeHead(status).end(`scripted ${status}`);
      if (idempotencyKey && !applied.has(idempotencyKey)) {
        applied.add(idempotencyKey);
        balances.set(customerId, (balances.get(customerId) ?? 0) + (body.points ?? 0));
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ balance: balances.get(customerId) ?? 0 }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/api`,
    requests,
    balances,
    script: (customerId, ...statuses) => scripted.set(customerId, statuses),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
