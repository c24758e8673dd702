// A local HTTP server standing in for api.twilio.com's Messages API: it records each request as
// Twilio would receive it (path, Basic credentials, form fields) and answers as Twilio does, or
// as a test scripts it (throttled, refused, failing, hanging).
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import { type AddressInfo } from 'node:net';

export interface TwilioRequest {
  method: string;
  path: string;
  /** `user:password` of the Basic Authorization header. */
  credentials: string | null;
  contentType: string | undefined;
  form: Record<string, string>;
}

/** How to answer one request: status, extra headers, JSON body; `hang` never answers. */
export type TwilioAnswer =
  { status: number; headers?: Record<string, string>; body?: unknown } | 'hang' | 'reset';

export interface TwilioStandIn {
  /** The base URL to give the client instead of https://api.twilio.com. */
  url: string;
  requests: TwilioRequest[];
  /** Answers for the next requests, in order; then 201 Created with a fresh message SID. */
  script(...answers: TwilioAnswer[]): void;
  close(): Promise<void>;
}

export const twilioMessageSid = () => `SM${randomBytes(16).toString('hex')}`;

export async function startTwilioStandIn(): Promise<TwilioStandIn> {
  const requests: TwilioRequest[] = [];
  const scripted: TwilioAnswer[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const authorization = req.headers.authorization ?? '';
      requests.push({
        method: req.method ?? '',
        path: req.url ?? '',
        credentials: authorization.startsWith('Basic ')
          ? Buffer.from(authorization.slice(6), 'base64').toString('utf8')
          : null,
        contentType: req.headers['content-type'],
        form: Object.fromEntries(new URLSearchParams(Buffer.concat(chunks).toString('utf8'))),
      });
      const answer = scripted.shift() ?? { status: 201 };
      if (answer === 'hang') return;
      if (answer === 'reset') return req.socket.destroy();
      const form = requests[requests.length - 1].form;
      const body =
        answer.body ??
        (answer.status === 201
          ? {
              sid: twilioMessageSid(),
              status: 'queued',
              to: form.To,
              from: form.From ?? null,
              body: form.Body,
            }
          : { code: 20001, message: `Scripted HTTP ${answer.status}`, status: answer.status });
      res.writeHead(answer.status, { 'content-type': 'application/json', ...answer.headers });
      res.end(JSON.stringify(body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    script: (...answers) => scripted.push(...answers),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
