/**
 * Whether an inbound message really comes from the domain of its `From:` address, as the
 * receiving mail server judged it: its `Authentication-Results` header (RFC 8601) with the
 * DMARC, DKIM and SPF results. We do not check signatures ourselves; we trust the verdict of our
 * own MTA — identified by its authserv-id when the mailbox names one, otherwise the topmost header
 * (the receiving server prepends its own; headers further down came with the message). Pure.
 */

export type AuthMethod = 'dmarc' | 'dkim' | 'spf';

export interface SenderVerdict {
  /** pass: the From domain is authenticated; fail: the MTA says it is not; none: no usable result. */
  status: 'pass' | 'fail' | 'none';
  /** The method that decided (dmarc before dkim before spf), when one did. */
  method: AuthMethod | null;
  /** The From address's domain. */
  domain: string;
  /** The authserv-id of the header read, if any. */
  authservId: string | null;
  /** The results read, as `method=result (property)` strings, for the record. */
  results: string[];
}

interface Result {
  method: string;
  result: string;
  props: Record<string, string>;
}

/** Strips RFC 5322 comments `( … )`, nested ones included. */
function stripComments(s: string): string {
  let out = '';
  let depth = 0;
  for (const ch of s) {
    if (ch === '(') depth++;
    else if (ch === ')' && depth > 0) depth--;
    else if (depth === 0) out += ch;
  }
  return out;
}

/** One Authentication-Results header value: its authserv-id and results. */
export function parseAuthenticationResults(value: string): { authservId: string; results: Result[] } {
  const parts = stripComments(value)
    .split(';')
    .map((p) => p.trim())
    .filter(Boolean);
  const authservId = (parts.shift() ?? '').split(/\s+/)[0]!.toLowerCase();
  const results: Result[] = [];
  for (const part of parts) {
    const tokens = part.split(/\s+/).filter(Boolean);
    const head = /^([a-z0-9-]+)(?:\/[0-9]+)?=([a-z]+)$/i.exec(tokens.shift() ?? '');
    if (!head) continue;
    const props: Record<string, string> = {};
    for (const t of tokens) {
      const m = /^([a-z0-9-]+\.[a-z0-9-]+)=(.+)$/i.exec(t);
      if (m) props[m[1]!.toLowerCase()] = m[2]!.replace(/^"|"$/g, '').toLowerCase();
    }
    results.push({ method: head[1]!.toLowerCase(), result: head[2]!.toLowerCase(), props });
  }
  return { authservId, results };
}

/** The domain of an address or of a `local@domain` property value. */
const domainOf = (v: string | undefined): string => (v ?? '').split('@').pop()!.trim().toLowerCase();

/** Relaxed alignment (DMARC): the same domain, or one a subdomain of the other. */
export function aligned(a: string, b: string): boolean {
  if (!a || !b) return false;
  return a === b || a.endsWith(`.${b}`) || b.endsWith(`.${a}`);
}

/**
 * The verdict on a message from `fromAddress` with these Authentication-Results header values
 * (in the message's order, topmost first). `authservId` names our MTA; without it the topmost
 * header is the one read.
 */
export function senderVerdict(
  fromAddress: string,
  headers: readonly string[],
  authservId?: string | null,
): SenderVerdict {
  const domain = domainOf(fromAddress);
  const wanted = authservId?.trim().toLowerCase() || null;
  const parsed = headers.map(parseAuthenticationResults);
  const header = wanted ? parsed.find((h) => h.authservId === wanted) : parsed[0];
  const base = { domain, authservId: header?.authservId ?? null };
  if (!header || !domain) return { status: 'none', method: null, results: [], ...base };
  const results = header.results.map(
    (r) =>
      `${r.method}=${r.result}${
        Object.keys(r.props).length
          ? ` (${Object.entries(r.props)
              .map(([k, v]) => `${k}=${v}`)
              .join(' ')})`
          : ''
      }`,
  );
  const of = (method: AuthMethod) => header.results.filter((r) => r.method === method);
  const dmarc = of('dmarc').filter((r) => !r.props['header.from'] || aligned(r.props['header.from'], domain));
  if (dmarc.some((r) => r.result === 'pass')) return { status: 'pass', method: 'dmarc', results, ...base };
  if (dmarc.some((r) => r.result === 'fail')) return { status: 'fail', method: 'dmarc', results, ...base };
  const dkim = of('dkim').filter((r) => aligned(r.props['header.d'] ?? domainOf(r.props['header.i']), domain));
  if (dkim.some((r) => r.result === 'pass')) return { status: 'pass', method: 'dkim', results, ...base };
  const spf = of('spf').filter((r) => aligned(domainOf(r.props['smtp.mailfrom'] ?? r.props['smtp.helo']), domain));
  if (spf.some((r) => r.result === 'pass')) return { status: 'pass', method: 'spf', results, ...base };
  const failed = [...dkim, ...spf].some((r) => r.result === 'fail' || r.result === 'softfail');
  return { status: failed ? 'fail' : 'none', method: null, results, ...base };
}
