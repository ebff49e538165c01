import { SMTPServer } from 'smtp-server';
import { simpleParser, type ParsedMail } from 'mailparser';
import type { AddressInfo } from 'node:net';
import type { Config } from '../../src/server/config';

/** One message the test SMTP server accepted. */
export interface CapturedMail {
  envelopeFrom: string;
  envelopeTo: string[];
  raw: string;
  parsed: ParsedMail;
  subject: string;
  text: string;
  header(name: string): string | undefined;
}

/**
 * A real SMTP server in the test process (smtp-server): accepts everything on 127.0.0.1, keeps
 * the messages. `failNext(n)` makes the next n transactions fail with a 451, to test retries.
 */
export class TestSmtp {
  readonly messages: CapturedMail[] = [];
  private failures = 0;
  private server: SMTPServer;
  port = 0;

  constructor() {
    this.server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onData: (stream, session, callback) => {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          if (this.failures > 0) {
            this.failures--;
            const err = new Error('Temporary failure (test)') as Error & { responseCode: number };
            err.responseCode = 451;
            callback(err);
            return;
          }
          const raw = Buffer.concat(chunks).toString('utf8');
          simpleParser(raw).then(
            (parsed) => {
              this.messages.push({
                envelopeFrom: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
                envelopeTo: session.envelope.rcptTo.map((r) => r.address),
                raw,
                parsed,
                subject: parsed.subject ?? '',
                text: parsed.text ?? '',
                header: (name) => {
                  const v = parsed.headers.get(name.toLowerCase());
                  return v === undefined ? undefined : typeof v === 'string' ? v : JSON.stringify(v);
                },
              });
              callback();
            },
            (err: Error) => callback(err),
          );
        });
      },
    });
  }

  async start(): Promise<this> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(0, '127.0.0.1', () => resolve());
    });
    this.port = (this.server.server.address() as AddressInfo).port;
    return this;
  }

  /** The app configuration pointing at this server. */
  config(): NonNullable<Config['smtp']> {
    return {
      host: '127.0.0.1',
      port: this.port,
      secure: false,
      from: 'Mutualis <support@mutualis.test>',
      tlsInsecure: false,
    };
  }

  failNext(n: number): void {
    this.failures = n;
  }

  /** Messages sent to an address. */
  to(address: string): CapturedMail[] {
    return this.messages.filter((m) => m.envelopeTo.includes(address));
  }

  clear(): void {
    this.messages.length = 0;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
