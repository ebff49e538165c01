import { describe, expect, it } from 'vitest';
import { checkHost, isPrivateAddress } from './host-guard';

const dnsOf = (table: Record<string, string[]>) => (host: string) => {
  if (/^[\d.]+$|:/.test(host)) return Promise.resolve([host]);
  const a = table[host];
  return a ? Promise.resolve(a) : Promise.reject(new Error('ENOTFOUND'));
};

describe('host guard', () => {
  it.each([
    ['127.0.0.1', true],
    ['10.1.2.3', true],
    ['172.20.0.1', true],
    ['192.168.1.10', true],
    ['169.254.169.254', true],
    ['100.64.0.1', true],
    ['::1', true],
    ['fd12:3456::1', true],
    ['fe80::1', true],
    ['::ffff:127.0.0.1', true],
    ['0.0.0.0', true],
    ['8.8.8.8', false],
    ['193.51.24.1', false],
    ['2001:4860:4860::8888', false],
    ['not-an-ip', true],
  ])('%s is private: %s', (ip, expected) => {
    expect(isPrivateAddress(ip)).toBe(expected);
  });

  const lookup = dnsOf({
    'imap.mairie.fr': ['193.51.24.10'],
    'intranet.mairie.fr': ['10.0.0.5'],
    'rebind.example': ['193.51.24.11', '127.0.0.1'],
  });
  it.each([
    ['a public host', 'imap.mairie.fr', { allow: [], allowPrivate: false }, 'ok'],
    ['a private address', '10.0.0.5', { allow: [], allowPrivate: false }, 'private'],
    ['a name resolving to a private address', 'intranet.mairie.fr', { allow: [], allowPrivate: false }, 'private'],
    [
      'a name resolving to public and loopback addresses',
      'rebind.example',
      { allow: [], allowPrivate: false },
      'private',
    ],
    ['loopback when private addresses are allowed', '127.0.0.1', { allow: [], allowPrivate: true }, 'ok'],
    [
      'a name outside the allow-list',
      'imap.mairie.fr',
      { allow: ['*.metropole.fr'], allowPrivate: false },
      'not_allowed',
    ],
    ['a name inside the allow-list', 'imap.mairie.fr', { allow: ['*.mairie.fr'], allowPrivate: false }, 'ok'],
    [
      'an internal host allow-listed by name',
      'intranet.mairie.fr',
      { allow: ['intranet.mairie.fr'], allowPrivate: false },
      'ok',
    ],
    ['an address in an allow-listed range', '10.0.0.5', { allow: ['10.0.0.0/24'], allowPrivate: false }, 'ok'],
    ['an unknown name', 'nope.invalid', { allow: [], allowPrivate: false }, 'unresolvable'],
  ])('%s', async (_label, host, policy, expected) => {
    expect(await checkHost(host, policy, lookup)).toBe(expected);
  });
});
