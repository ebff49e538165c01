import { describe, expect, it } from 'vitest';
import { aligned, parseAuthenticationResults, senderVerdict } from './sender-auth';

describe('Authentication-Results (RFC 8601)', () => {
  it('reads the authserv-id and each result with its properties, comments left out', () => {
    expect(
      parseAuthenticationResults(
        'mx.metropole.fr (Postfix); dkim=pass (2048-bit key) header.d=mairie-lebouscat.fr header.s=s1; spf=pass smtp.mailfrom=agent@mairie-lebouscat.fr; dmarc=pass (p=quarantine) header.from=mairie-lebouscat.fr',
      ),
    ).toEqual({
      authservId: 'mx.metropole.fr',
      results: [
        { method: 'dkim', result: 'pass', props: { 'header.d': 'mairie-lebouscat.fr', 'header.s': 's1' } },
        { method: 'spf', result: 'pass', props: { 'smtp.mailfrom': 'agent@mairie-lebouscat.fr' } },
        { method: 'dmarc', result: 'pass', props: { 'header.from': 'mairie-lebouscat.fr' } },
      ],
    });
  });

  it('aligns domains the relaxed way', () => {
    expect(aligned('mairie.fr', 'mairie.fr')).toBe(true);
    expect(aligned('mail.mairie.fr', 'mairie.fr')).toBe(true);
    expect(aligned('mairie.fr.evil.com', 'mairie.fr')).toBe(false);
    expect(aligned('evilmairie.fr', 'mairie.fr')).toBe(false);
  });

  const from = 'agent@mairie-lebouscat.fr';
  it.each([
    ['DMARC pass decides', ['mx; dmarc=pass header.from=mairie-lebouscat.fr'], 'pass', 'dmarc'],
    [
      'DMARC fail decides even with a DKIM pass',
      ['mx; dkim=pass header.d=mairie-lebouscat.fr; dmarc=fail header.from=mairie-lebouscat.fr'],
      'fail',
      'dmarc',
    ],
    ['an aligned DKIM signature', ['mx; dkim=pass header.d=mairie-lebouscat.fr'], 'pass', 'dkim'],
    ['a DKIM signature of another domain is not the sender', ['mx; dkim=pass header.d=bulk-mailer.com'], 'none', null],
    ['an aligned SPF pass', ['mx; spf=pass smtp.mailfrom=bounce@mairie-lebouscat.fr'], 'pass', 'spf'],
    ['SPF fail', ['mx; spf=fail smtp.mailfrom=agent@mairie-lebouscat.fr'], 'fail', null],
    ['no header at all', [], 'none', null],
    ['results of no method we read', ['mx; auth=pass smtp.auth=agent'], 'none', null],
  ])('%s', (_label, headers, status, method) => {
    const v = senderVerdict(from, headers);
    expect(v.status).toBe(status);
    expect(v.method).toBe(method);
    expect(v.domain).toBe('mairie-lebouscat.fr');
  });

  it('trusts only the topmost header, or the one of our own MTA when named: a forged header further down is ignored', () => {
    const forged = 'mx.metropole.fr; dmarc=pass header.from=mairie-lebouscat.fr';
    const ours = 'mx.metropole.fr; dmarc=fail header.from=mairie-lebouscat.fr';
    expect(senderVerdict(from, [ours, forged]).status).toBe('fail');
    expect(
      senderVerdict(from, ['other-mx.example; dmarc=pass header.from=mairie-lebouscat.fr', ours], 'mx.metropole.fr')
        .status,
    ).toBe('fail');
    expect(
      senderVerdict(from, ['attacker.example; dmarc=pass header.from=mairie-lebouscat.fr'], 'mx.metropole.fr'),
    ).toMatchObject({
      status: 'none',
      authservId: null,
    });
  });
});
