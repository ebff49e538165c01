import { afterAll, beforeAll, expect, it } from 'vitest';
import { ANON, describeEachDb, freshDatabase } from '../harness';
import { buildApp } from '../../src/server/app';
import { testConfig } from '../../src/server/config';
import type { App } from '../../src/server/lib/http';
import { makeUser } from '../factories';

// Behind a proxy, the rate limits count the address the trusted proxy saw, never one the client
// wrote into X-Forwarded-For: with TRUST_PROXY=1 (one hop) the address is the one the proxy
// appended last.
describeEachDb('sign-in throttling behind a proxy', (dialect) => {
  let app: App;
  let drop: () => Promise<void>;
  let email: string;
  beforeAll(async () => {
    const fresh = await freshDatabase(dialect);
    drop = fresh.drop;
    app = await buildApp(testConfig({ webDir: '/nonexistent', trustProxy: 1 }), { database: fresh.database });
    email = (await makeUser({ app }, { roles: ['technician'] })).email;
  });
  afterAll(async () => {
    await app.close();
    await drop();
  });

  const attempt = (forwardedFor: string, account = email) =>
    app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      // The proxy (127.0.0.1, trusted as one hop) appended the client's real address last.
      headers: { ...ANON, 'x-forwarded-for': forwardedFor },
      remoteAddress: '127.0.0.1',
      payload: { email: account, password: 'wrong-password' },
    });

  it('counts the address the proxy saw, whatever the client put before it', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 31; i++)
      statuses.push((await attempt(`10.0.0.${i}, 203.0.113.9`, `nobody${i}@example.test`)).statusCode);
    expect(statuses.slice(0, 30).every((s) => s === 401)).toBe(true);
    expect(statuses[30]).toBe(429);
    // Another real client behind the same proxy is not held back.
    expect((await attempt('203.0.113.10', 'someone@example.test')).statusCode).toBe(401);
  });
});
