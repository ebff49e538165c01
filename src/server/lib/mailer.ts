import nodemailer, { type SendMailOptions, type Transporter } from 'nodemailer';
import type { Config } from '../config';

/**
 * The SMTP transport of the app, built from the configuration on first use and rebuilt when the
 * settings change (tests point it at their own server); closed with the app.
 */
export class Mailer {
  private transport: Transporter | null = null;
  private key = '';

  /** Sends one message through the given SMTP settings. */
  async send(smtp: NonNullable<Config['smtp']>, message: SendMailOptions): Promise<void> {
    await this.transportFor(smtp).sendMail(message);
  }

  private transportFor(smtp: NonNullable<Config['smtp']>): Transporter {
    const key = JSON.stringify(smtp);
    if (!this.transport || key !== this.key) {
      this.transport?.close();
      this.transport = nodemailer.createTransport({
        host: smtp.host,
        port: smtp.port,
        secure: smtp.secure,
        auth: smtp.user ? { user: smtp.user, pass: smtp.pass ?? '' } : undefined,
        // STARTTLS is used when offered; SMTP_TLS_INSECURE=1 accepts a relay's self-signed certificate.
        tls: { rejectUnauthorized: !smtp.tlsInsecure },
        connectionTimeout: 10_000,
        greetingTimeout: 10_000,
      });
      this.key = key;
    }
    return this.transport;
  }

  /** Closes the transport's connections. */
  stop(): void {
    this.transport?.close();
    this.transport = null;
  }
}
