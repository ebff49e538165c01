import { describe, expect, it } from 'vitest';
import { classifyAutomatic, htmlToText, referencedIds, sanitizeEmailHtml, stripQuoted } from './classify';

const headers = (h: Record<string, string>) => ({ get: (n: string) => h[n] });

describe('classifyAutomatic — RFC 3834: automatic messages never make tickets nor replies', () => {
  const cases: Array<[string, Record<string, string>, string, string | null]> = [
    ['a person’s message', { 'content-type': 'text/plain' }, 'agent@le-bouscat.test', null],
    ['Auto-Submitted: no is a person', { 'auto-submitted': 'no' }, 'agent@le-bouscat.test', null],
    [
      'Auto-Submitted: auto-replied (out of office)',
      { 'auto-submitted': 'auto-replied' },
      'agent@le-bouscat.test',
      'ignored_auto',
    ],
    ['Auto-Submitted: auto-generated', { 'auto-submitted': 'auto-generated' }, 'robot@le-bouscat.test', 'ignored_auto'],
    ['Precedence: bulk', { precedence: 'bulk' }, 'news@le-bouscat.test', 'ignored_auto'],
    ['Precedence: junk', { precedence: 'junk' }, 'x@example.org', 'ignored_auto'],
    ['Precedence: list', { precedence: 'list' }, 'x@example.org', 'ignored_auto'],
    ['X-Autoreply', { 'x-autoreply': 'yes' }, 'x@example.org', 'ignored_auto'],
    ['mailing list (List-Id)', { 'list-id': '<agents.le-bouscat.test>' }, 'x@example.org', 'ignored_auto'],
    [
      'bounce: multipart/report',
      { 'content-type': 'multipart/report; report-type=delivery-status' },
      'x@example.org',
      'ignored_bounce',
    ],
    ['bounce: MAILER-DAEMON', {}, 'mailer-daemon@mx.example.org', 'ignored_bounce'],
    ['bounce: postmaster', {}, 'postmaster@example.org', 'ignored_bounce'],
    ['bounce: empty return path', { 'return-path': '<>' }, 'x@example.org', 'ignored_bounce'],
  ];
  it.each(cases)('%s', (_name, h, from, outcome) => {
    const v = classifyAutomatic(headers(h), from);
    expect(v.automatic ? v.outcome : null).toBe(outcome);
  });
});

describe('stripQuoted — only the new part of a reply is kept', () => {
  it.each([
    [
      'French client quote line',
      'Merci, c’est réparé.\n\nLe lun. 2 mars 2026 à 09:00, Mutualis a écrit :\n> Bonjour',
      'Merci, c’est réparé.',
    ],
    ['English client quote line', 'Still broken.\nOn Mon, 2 Mar 2026, Mutualis wrote:\n> Hello', 'Still broken.'],
    ['Outlook header block', 'Voir ci-dessous.\n-----Original Message-----\nFrom: x', 'Voir ci-dessous.'],
    ['trailing > quote', 'Oui.\n> Pouvez-vous redémarrer ?\n>', 'Oui.'],
    ['nothing quoted', 'Une ligne.\nDeux lignes.', 'Une ligne.\nDeux lignes.'],
    ['only a quote keeps the whole text', '> tout est cité', '> tout est cité'],
  ])('%s', (_n, body, expected) => {
    expect(stripQuoted(body)).toBe(expected);
  });
});

describe('HTML sanitising', () => {
  it('keeps text and simple formatting, drops scripts, styles, images, handlers and javascript: links', () => {
    const out = sanitizeEmailHtml(
      '<style>b{}</style><script>alert(1)</script><p onclick="x()">Bonjour <b>vous</b></p><img src="http://t.example/p.gif"><a href="javascript:alert(1)">a</a><a href="https://mutualis.test">b</a>',
    );
    expect(out).toContain('<p>Bonjour <b>vous</b></p>');
    expect(out).toContain('href="https://mutualis.test"');
    for (const bad of ['script', 'alert', 'style', '<img', 'onclick', 'javascript:']) expect(out).not.toContain(bad);
    expect(htmlToText(out)).toBe('Bonjour vous\nab');
  });
});

describe('referencedIds', () => {
  it('collects In-Reply-To then References, without duplicates', () => {
    expect(referencedIds('<a@x>', ['<root@x>', '<a@x>'])).toEqual(['<a@x>', '<root@x>']);
    expect(referencedIds(undefined, '<r1@x> <r2@x>')).toEqual(['<r1@x>', '<r2@x>']);
  });
});
