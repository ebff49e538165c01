import { deflateSync, gzipSync } from 'node:zlib';
import type { AgentAnswer, InventoryResult } from './inventory';
import { version } from '../../version';

/**
 * The reply of the FusionInventory/OCS agent protocol: the agent posts a PROLOG, the server
 * answers `<REPLY><PROLOG_FREQ>hours</PROLOG_FREQ><RESPONSE>SEND</RESPONSE></REPLY>` (the agent
 * only inventories on SEND), then it posts the INVENTORY and reads a `<REPLY>` back. The reply is
 * compressed as the request was (the agent sends `application/x-compress-zlib`, or `-gzip`, and
 * inflates what it gets). A caller that posts JSON, or asks for JSON (`Accept`), gets the JSON
 * result instead.
 */

/** Hours between two inventories the server asks of the agent (PROLOG_FREQ). */
export const PROLOG_FREQ_HOURS = 24;

export type Compression = 'zlib' | 'gzip' | 'none';

/** The compression of a request, from its content type. */
export function compressionOf(contentType: string | undefined): Compression {
  const t = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  if (t === 'application/x-compress-zlib' || t === 'application/x-compress') return 'zlib';
  if (t === 'application/x-compress-gzip') return 'gzip';
  return 'none';
}

export const replyMediaTypes = {
  zlib: 'application/x-compress-zlib',
  gzip: 'application/x-compress-gzip',
  none: 'application/xml',
} as const;

const escapeXml = (s: string) =>
  s.replace(/[<>&'"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c]!);

/** The XML reply to a message (RESPONSE SEND to a PROLOG; the result to an INVENTORY). */
export function agentReplyXml(answer: Exclude<AgentAnswer, { query: 'contact' }>): string {
  const body =
    answer.query === 'prolog'
      ? `<PROLOG_FREQ>${PROLOG_FREQ_HOURS}</PROLOG_FREQ><RESPONSE>SEND</RESPONSE>`
      : `<RESPONSE>no_account_update</RESPONSE><DEVICE_ID>${escapeXml(answer.result.deviceId)}</DEVICE_ID><ACTION>${answer.result.action}</ACTION>`;
  return `<?xml version="1.0" encoding="UTF-8"?>\n<REPLY>${body}</REPLY>\n`;
}

/** The reply's bytes and media type, compressed as the request was. */
export function encodeReply(xml: string, compression: Compression): { type: string; data: Buffer } {
  const raw = Buffer.from(xml, 'utf8');
  const data = compression === 'zlib' ? deflateSync(raw) : compression === 'gzip' ? gzipSync(raw) : raw;
  return { type: replyMediaTypes[compression], data };
}

/** Whether to answer with the JSON result: a JSON inventory, or a caller asking for JSON. */
export function wantsJson(answer: AgentAnswer, accept: string | undefined): boolean {
  if (answer.query === 'prolog') return false;
  return answer.format === 'json' || /\bapplication\/json\b/i.test(accept ?? '');
}

/**
 * The GLPI Agent protocol's JSON answers: to a `contact`, `status` "ok", the hours until the agent
 * calls again (`expiration`, which the agent requires above 0) and the tasks the server takes —
 * the inventory only; to an inventory, `status` "ok" and `expiration` beside the result.
 */
export function glpiContactReply() {
  return {
    status: 'ok' as const,
    expiration: PROLOG_FREQ_HOURS,
    tasks: { inventory: { server: 'mutualis', version } },
  };
}

export function glpiInventoryReply(result: InventoryResult) {
  return { status: 'ok' as const, expiration: PROLOG_FREQ_HOURS, ...result };
}
