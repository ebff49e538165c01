import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDbWith, makeTestApp, type TestApp } from '../harness';

// Debian's real Prometheus Alertmanager, with a webhook receiver pointing at the app listening on
// loopback: alerts posted to Alertmanager's API open an outage (one, whatever the repeats) and an
// incident ticket; the resolved alert records the restoration.

const BIN = '/usr/bin/prometheus-alertmanager';
const server = {
  name: 'prometheus-alertmanager',
  installed: fs.existsSync(BIN),
  install: 'apt-get install prometheus-alertmanager',
};

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

async function until<T>(what: string, f: () => Promise<T | undefined>, ms = 20_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await f();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

describeEachDbWith(server, 'monitoring through the real Alertmanager', (dialect) => {
  let t: TestApp;
  let am: ChildProcess | undefined;
  let amUrl = '';
  let dir = '';
  let lb = '';
  let log = '';

  beforeAll(async () => {
    // The app's clock is the real one: Alertmanager stamps alerts with the real time.
    t = await makeTestApp(dialect);
    lb = t.org.communes.leBouscat;
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const appPort = (t.app.server.address() as net.AddressInfo).port;
    const tok = await t.app.inject({
      method: 'POST',
      url: '/api/v1/tokens',
      headers: await t.as('admin@mutualis.test'),
      payload: { name: 'Alertmanager', permissions: ['integrations.alerts'], communeId: lb },
    });
    expect(tok.statusCode, tok.body).toBe(201);
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mutualis-am-'));
    fs.writeFileSync(
      path.join(dir, 'alertmanager.yml'),
      [
        'route:',
        '  receiver: mutualis',
        "  group_by: ['alertname', 'application']",
        '  group_wait: 1s',
        '  group_interval: 1s',
        '  repeat_interval: 1h',
        'receivers:',
        '  - name: mutualis',
        '    webhook_configs:',
        `      - url: http://127.0.0.1:${appPort}/api/v1/integrations/alertmanager`,
        '        send_resolved: true',
        '        http_config:',
        '          authorization:',
        '            type: Bearer',
        `            credentials: ${tok.json().token as string}`,
        '',
      ].join('\n'),
    );
    const amPort = await freePort();
    amUrl = `http://127.0.0.1:${amPort}`;
    am = spawn(
      BIN,
      [
        `--config.file=${path.join(dir, 'alertmanager.yml')}`,
        `--storage.path=${path.join(dir, 'data')}`,
        `--web.listen-address=127.0.0.1:${amPort}`,
        '--cluster.listen-address=',
        '--log.level=warn',
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    am.stdout?.on('data', (d: Buffer) => (log += d.toString()));
    am.stderr?.on('data', (d: Buffer) => (log += d.toString()));
    await until('Alertmanager to be ready', async () => {
      try {
        return (await fetch(`${amUrl}/-/ready`)).ok ? true : undefined;
      } catch {
        return undefined;
      }
    });
  }, 60_000);

  afterAll(async () => {
    if (am && am.exitCode === null) {
      const exited = new Promise((r) => am!.once('exit', r));
      am.kill('SIGTERM');
      await exited;
    }
    await t?.close();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  const postAlert = async (endsAt?: string) => {
    const r = await fetch(`${amUrl}/api/v2/alerts`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify([
        {
          labels: { alertname: 'ApplicationDown', application: 'Messagerie', severity: 'critical' },
          annotations: { summary: 'La messagerie ne répond plus' },
          startsAt: startsAt,
          ...(endsAt ? { endsAt } : {}),
          generatorURL: 'http://127.0.0.1:9090/graph',
        },
      ]),
    });
    expect(r.status, await r.text()).toBe(200);
  };
  const startsAt = new Date(Date.now() - 60_000).toISOString();
  const ours = async () => {
    const r = await t.app.inject({
      url: `/api/v1/communes/${lb}/outages?limit=50`,
      headers: await t.as('contrats@mutualis.test'),
    });
    return (r.json().items as Array<Record<string, unknown>>).filter((o) => o.source === 'alertmanager');
  };

  it('opens one outage and one ticket for a firing alert, and records its restoration', async () => {
    await postAlert();
    const opened = await until('the outage', async () => {
      const list = await ours();
      return list.length > 0 && list[0]!.ticketId ? list : undefined;
    }).catch((e: Error) => {
      throw new Error(`${e.message}\nAlertmanager log:\n${log}`);
    });
    expect(opened).toHaveLength(1);
    expect(opened[0]).toMatchObject({ applicationName: 'Messagerie', alertName: 'ApplicationDown', restoredAt: null });
    // The same alert again (Alertmanager deduplicates; our endpoint would too): still one outage.
    await postAlert();
    await new Promise((r) => setTimeout(r, 2500));
    expect(await ours()).toHaveLength(1);
    const ticket = await t.app.inject({
      url: `/api/v1/tickets/${opened[0]!.ticketId as string}`,
      headers: await t.as('contrats@mutualis.test'),
    });
    expect(ticket.json()).toMatchObject({ channel: 'monitoring', type: 'incident' });

    const endsAt = new Date().toISOString();
    await postAlert(endsAt);
    const restored = await until('the restoration', async () => {
      const list = await ours();
      return list[0]?.restoredAt ? list : undefined;
    });
    expect(restored).toHaveLength(1);
    expect(Math.abs(Date.parse(restored[0]!.restoredAt as string) - Date.parse(endsAt))).toBeLessThan(2000);
  }, 60_000);
});
