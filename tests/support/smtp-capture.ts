import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { freePort, waitFor } from './ports';

export interface SmtpCapture {
  url: string;
  messages: ParsedMail[];
  /** Resolves once at least `count` messages have arrived. */
  waitForMessages(count: number, timeoutMs?: number): Promise<ParsedMail[]>;
  close(): Promise<void>;
}

export interface SmtpCaptureOptions {
  /** An SMTP reply code to refuse a recipient with (e.g. 550), or undefined to accept it. */
  refuseRecipient?: (address: string) => number | undefined;
  /** Keeps each message (as received) but answers the end of DATA this much later: a slow provider. */
  acceptDelayMs?: number;
}

/** A real SMTP server on loopback that parses every message it accepts. */
export async function startSmtpCapture({
  refuseRecipient,
  acceptDelayMs = 0,
}: SmtpCaptureOptions = {}): Promise<SmtpCapture> {
  const messages: ParsedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onRcptTo(address, _session, callback) {
      const code = refuseRecipient?.(address.address);
      if (code === undefined) return callback();
      callback(Object.assign(new Error(`Recipient refused (${code})`), { responseCode: code }));
    },
    onData(stream, _session, callback) {
      simpleParser(stream)
        .then((mail) => {
          messages.push(mail);
          setTimeout(callback, acceptDelayMs);
        })
        .catch(callback);
    },
  });
  const port = await freePort();
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    url: `smtp://127.0.0.1:${port}`,
    messages,
    waitForMessages: (count, timeoutMs = 30_000) =>
      waitFor(`${count} email(s)`, async () => (messages.length >= count ? messages : undefined), {
        timeoutMs,
      }),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
