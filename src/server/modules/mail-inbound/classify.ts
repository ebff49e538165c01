import sanitizeHtml from 'sanitize-html';

/**
 * Pure decisions on an inbound message: is it automatic (never a ticket nor a reply, so no mail
 * loop), which ticket does it answer, what text does it carry. No I/O.
 */

/** Header values as mailparser gives them, lower-cased names. */
export interface HeaderView {
  get(name: string): unknown;
}

export type AutoVerdict =
  { automatic: false } | { automatic: true; outcome: 'ignored_auto' | 'ignored_bounce'; reason: string };

const text = (v: unknown): string => {
  if (v === undefined || v === null) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'object' && 'value' in (v as Record<string, unknown>))
    return String((v as { value: unknown }).value);
  if (typeof v === 'object' && 'text' in (v as Record<string, unknown>)) return String((v as { text: unknown }).text);
  return typeof v === 'number' || typeof v === 'boolean' ? String(v) : (JSON.stringify(v) ?? '');
};

/**
 * RFC 3834 and common practice: `Auto-Submitted` other than `no`, `Precedence: bulk|junk|list`,
 * vendor auto-reply headers, and delivery reports (multipart/report, MAILER-DAEMON, postmaster,
 * empty return path) are automatic.
 */
export function classifyAutomatic(headers: HeaderView, from: string): AutoVerdict {
  const contentType = text(headers.get('content-type')).toLowerCase();
  const sender = from.toLowerCase();
  const returnPath = text(headers.get('return-path')).trim();
  if (
    contentType.startsWith('multipart/report') ||
    /^(mailer-daemon|postmaster)@/.test(sender) ||
    returnPath === '<>'
  ) {
    return { automatic: true, outcome: 'ignored_bounce', reason: 'delivery status notification' };
  }
  const auto = text(headers.get('auto-submitted')).trim().toLowerCase();
  if (auto && auto !== 'no') return { automatic: true, outcome: 'ignored_auto', reason: `Auto-Submitted: ${auto}` };
  const precedence = text(headers.get('precedence')).trim().toLowerCase();
  if (['bulk', 'junk', 'list', 'auto_reply'].includes(precedence))
    return { automatic: true, outcome: 'ignored_auto', reason: `Precedence: ${precedence}` };
  for (const h of ['x-autoreply', 'x-autorespond']) {
    const v = text(headers.get(h)).trim().toLowerCase();
    if (v) return { automatic: true, outcome: 'ignored_auto', reason: `${h}: ${v}` };
  }
  if (headers.get('list-id') !== undefined || headers.get('list-unsubscribe') !== undefined)
    return { automatic: true, outcome: 'ignored_auto', reason: 'mailing list' };
  return { automatic: false };
}

/**
 * Sanitises an email's HTML for storage and display: text and simple formatting kept; scripts,
 * styles, event handlers, forms and every image (remote images are trackers) dropped.
 */
export function sanitizeEmailHtml(html: string): string {
  return sanitizeHtml(html, {
    allowedTags: [
      'p',
      'br',
      'div',
      'span',
      'b',
      'strong',
      'i',
      'em',
      'u',
      's',
      'ul',
      'ol',
      'li',
      'blockquote',
      'pre',
      'code',
      'h1',
      'h2',
      'h3',
      'h4',
      'table',
      'thead',
      'tbody',
      'tr',
      'td',
      'th',
      'a',
      'hr',
    ],
    allowedAttributes: { a: ['href', 'title'] },
    allowedSchemes: ['http', 'https', 'mailto'],
    transformTags: { a: sanitizeHtml.simpleTransform('a', { rel: 'noopener noreferrer nofollow' }) },
    disallowedTagsMode: 'discard',
  });
}

/** Plain text of sanitised HTML (for a message without a text part). */
export function htmlToText(html: string): string {
  const withBreaks = html.replace(/<(br|\/p|\/div|\/li|\/tr|\/h[1-4])\s*\/?>/gi, '\n');
  return sanitizeHtml(withBreaks, { allowedTags: [], allowedAttributes: {} })
    .replace(/&nbsp;/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/**
 * The new part of a reply: the text before the quoted message ("Le … a écrit :", "On … wrote:",
 * "-----Original Message-----", lines starting with ">"). The whole text when nothing is quoted.
 */
export function stripQuoted(body: string): string {
  const lines = body.split(/\r?\n/);
  const markers = [
    /^\s*Le .{3,200} a écrit\s*:\s*$/i,
    /^\s*On .{3,200} wrote\s*:\s*$/i,
    /^-{2,}\s*(Original Message|Message d'origine|Message original)\s*-{2,}/i,
    /^\s*De\s*:\s.+$/,
  ];
  let end = lines.length;
  for (let i = 0; i < lines.length; i++) {
    if (markers.some((m) => m.test(lines[i]!))) {
      end = i;
      break;
    }
    if (/^\s*>/.test(lines[i]!) && lines.slice(i).every((l) => /^\s*>/.test(l) || l.trim() === '')) {
      end = i;
      break;
    }
  }
  const kept = lines.slice(0, end).join('\n').trim();
  return kept || body.trim();
}

/** Message-IDs named by In-Reply-To and References, in order. */
export function referencedIds(inReplyTo: unknown, references: unknown): string[] {
  const out: string[] = [];
  const add = (v: unknown) => {
    if (!v) return;
    if (Array.isArray(v)) v.forEach(add);
    else if (typeof v === 'string') for (const m of v.match(/<[^>]+>/g) ?? []) if (!out.includes(m)) out.push(m);
  };
  add(inReplyTo);
  add(references);
  return out;
}
