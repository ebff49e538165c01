import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, parseWorkers } from './config';

describe('configuration', () => {
  it.each([
    [undefined, 1],
    ['', 1],
    ['1', 1],
    ['2', 2],
    ['8', 8],
    ['auto', 4],
    [' AUTO', 4],
  ])('WORKERS=%j on 4 cores gives %i', (value, expected) => {
    expect(parseWorkers(value, 4)).toBe(expected);
  });

  it.each(['0', '-1', '1.5', '9', 'Infinity', '1e9', 'two', 'NaN', ' ', '0x2', '2e0'])(
    'WORKERS=%j is refused with what it accepts',
    (value) => {
      expect(() => parseWorkers(value, 4)).toThrow(ConfigError);
      expect(() => parseWorkers(value, 4)).toThrow(/WORKERS must be "auto" or an integer from 1 to 8/);
    },
  );

  it('refuses a port that is not one', () => {
    expect(loadConfig({}, []).port).toBe(3000);
    expect(loadConfig({ PORT: '8080' }, []).port).toBe(8080);
    for (const PORT of ['http', '70000', '-1', '80.5', ' ', '0x1F90', '8e3'])
      expect(() => loadConfig({ PORT }, [])).toThrow(/PORT must be an integer/);
  });

  it.each([
    [undefined, true],
    ['', true],
    ['1', true],
    ['on', true],
    ['TRUE', true],
    ['0', false],
    ['off', false],
    ['false', false],
  ])('PG_PREPARED_STATEMENTS=%j gives %s', (value, expected) => {
    expect(loadConfig(value === undefined ? {} : { PG_PREPARED_STATEMENTS: value }, []).preparedStatements).toBe(
      expected,
    );
  });

  it('refuses a switch that is neither on nor off', () => {
    expect(() => loadConfig({ PG_PREPARED_STATEMENTS: 'maybe' }, [])).toThrow(/PG_PREPARED_STATEMENTS must be 1 or 0/);
  });

  it.each([
    ['SESSION_TTL_HOURS', '0', /SESSION_TTL_HOURS must be an integer from 1/],
    ['SESSION_TTL_HOURS', 'twelve', /SESSION_TTL_HOURS must be an integer/],
    ['MAIL_POLL_SECONDS', '1', /MAIL_POLL_SECONDS must be an integer from 5/],
    ['SURVEY_REMINDER_DAYS', '-3', /SURVEY_REMINDER_DAYS must be an integer/],
    ['MAX_UPLOAD_BYTES', '1e9', /MAX_UPLOAD_BYTES must be an integer/],
    ['LOG_LEVEL', 'verbose', /LOG_LEVEL must be one of/],
    ['PUBLIC_URL', 'not a url', /PUBLIC_URL must list absolute URLs/],
    ['MUTUALIS_SCHEDULER', 'sometimes', /MUTUALIS_SCHEDULER must be 1 or 0/],
  ])('refuses %s=%j with what it accepts', (name, value, message) => {
    expect(() => loadConfig({ [name]: value }, [])).toThrow(ConfigError);
    expect(() => loadConfig({ [name]: value }, [])).toThrow(message);
  });

  it('reads the mail settings: SMTP with its TLS switch, the shared IMAP mailbox with its defaults', () => {
    const c = loadConfig(
      { SMTP_HOST: 'relay', SMTP_TLS_INSECURE: '1', IMAP_HOST: 'imap', IMAP_USER: 'support', MAIL_POLL_SECONDS: '30' },
      [],
    );
    expect(c.smtp).toMatchObject({ host: 'relay', port: 587, secure: false, tlsInsecure: true });
    expect(c.imap).toEqual({
      host: 'imap',
      port: 993,
      user: 'support',
      pass: '',
      tls: true,
      folder: 'INBOX',
      processedFolder: null,
      senderAuth: 'require',
      authservId: null,
    });
    expect(loadConfig({ IMAP_HOST: 'imap', IMAP_USER: 'u', IMAP_SENDER_AUTH: 'record' }, []).imap?.senderAuth).toBe(
      'record',
    );
    expect(() => loadConfig({ IMAP_HOST: 'imap', IMAP_USER: 'u', IMAP_SENDER_AUTH: 'maybe' }, [])).toThrow(
      /IMAP_SENDER_AUTH must be one of require, record/,
    );
    expect(loadConfig({ MAILBOX_HOSTS: '*.mairie.fr, 10.0.0.0/8' }, []).mailboxHosts).toEqual({
      allow: ['*.mairie.fr', '10.0.0.0/8'],
      allowPrivate: false,
    });
    expect(c.mailPollSeconds).toBe(30);
    expect(loadConfig({ IMAP_HOST: 'imap', IMAP_USER: 'u', IMAP_TLS: '0' }, []).imap?.port).toBe(143);
    expect(loadConfig({}, []).imap).toBeNull();
  });

  it('turns the demo off by flag or variable', () => {
    expect(loadConfig({}, []).demo).toBe(true);
    expect(loadConfig({}, ['--no-demo']).demo).toBe(false);
    expect(loadConfig({ MUTUALIS_DEMO: '0' }, []).demo).toBe(false);
  });

  it.each([
    [undefined, false],
    ['0', false],
    ['1', 1],
    ['2', 2],
    ['10.0.0.1', ['10.0.0.1']],
    ['10.0.0.0/8, 192.168.1.1', ['10.0.0.0/8', '192.168.1.1']],
    ['::1, fd00::/8', ['::1', 'fd00::/8']],
  ])('TRUST_PROXY=%j trusts %j', (value, expected) => {
    expect(loadConfig(value === undefined ? {} : { TRUST_PROXY: value }, []).trustProxy).toEqual(expected);
  });

  it.each(['true', 'all', '11', '10.0.0.0/33', 'proxy.example', '1.2.3'])('refuses TRUST_PROXY=%j', (value) => {
    expect(() => loadConfig({ TRUST_PROXY: value }, [])).toThrow(/TRUST_PROXY must be 0, a number of proxy hops/);
  });
});
