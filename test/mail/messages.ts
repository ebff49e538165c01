import MailComposer from 'nodemailer/lib/mail-composer';
import type Mail from 'nodemailer/lib/mailer';

/**
 * A raw RFC 5322 message as our receiving mail server delivers it: with its Authentication-Results
 * header on top saying the From: domain passed DMARC, unless `authResults` gives other headers
 * (an empty list: none at all, as from a server that does not check).
 */
export async function rawMail(opts: Mail.Options & { messageId: string; authResults?: string[] }): Promise<string> {
  const { authResults, ...mail } = opts;
  const node = new MailComposer({ to: 'support@mutualis.test', ...mail }).compile();
  node.keepBcc = false;
  const buf = await node.build();
  const fromDomain = /@([^>\s]+)/.exec(String(mail.from ?? ''))?.[1] ?? 'example.test';
  const headers = authResults ?? [`mx.mutualis.test; dmarc=pass header.from=${fromDomain}`];
  return headers.map((h) => `Authentication-Results: ${h}\r\n`).join('') + buf.toString('utf8');
}

/** A delivery status notification (bounce) from a mailer daemon. */
export function bounce(messageId: string, originalTo: string): string {
  return [
    'From: Mail Delivery System <MAILER-DAEMON@mx.example.org>',
    'To: support@mutualis.test',
    'Subject: Undelivered Mail Returned to Sender',
    `Message-ID: ${messageId}`,
    'Date: Mon, 02 Mar 2026 09:00:00 +0100',
    'MIME-Version: 1.0',
    'Content-Type: multipart/report; report-type=delivery-status; boundary="b1"',
    '',
    '--b1',
    'Content-Type: text/plain; charset=utf-8',
    '',
    `This is the mail system. Your message to <${originalTo}> could not be delivered.`,
    '--b1',
    'Content-Type: message/delivery-status',
    '',
    'Reporting-MTA: dns; mx.example.org',
    '',
    `Final-Recipient: rfc822; ${originalTo}`,
    'Action: failed',
    'Status: 5.1.1',
    '--b1--',
    '',
  ].join('\r\n');
}

/** The smallest valid PDF (magic bytes checked by the attachment rules). */
export const tinyPdf = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
);
/** A Windows executable header: refused by the attachment rules. */
export const fakeExe = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200, 0x90)]);
