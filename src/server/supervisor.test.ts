import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { restartDelay, type SuperviseOptions } from './supervisor';

describe('worker restart delay', () => {
  it.each([
    [1, 1000],
    [2, 2000],
    [3, 4000],
    [5, 16_000],
    [6, 30_000],
    [50, 30_000],
  ])('after %i failure(s) in a row: %i ms', (failures, ms) => {
    expect(restartDelay(failures)).toBe(ms);
  });
  it('scales with its base', () => {
    expect(restartDelay(3, 20)).toBe(80);
    expect(restartDelay(40, 20)).toBe(600);
  });
});

const fixture = path.resolve(__dirname, '../../test/fixtures/supervised.cjs');

function start(workers: number, mode: 'fail' | 'serve' | 'stubborn', opts: SuperviseOptions) {
  const child = spawn(process.execPath, [fixture], {
    env: { ...process.env, WORKERS: String(workers), WORKER_MODE: mode, SUPERVISE_OPTIONS: JSON.stringify(opts) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const out = { text: '' };
  child.stdout.on('data', (b: Buffer) => {
    out.text += b.toString();
  });
  child.stderr.on('data', (b: Buffer) => {
    out.text += b.toString();
  });
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  return { child, out, exited };
}

async function until(check: () => boolean, what: string, child: ChildProcess, out: { text: string }) {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((r) => setTimeout(r, 50));
  if (!check()) {
    child.kill('SIGKILL');
    throw new Error(`${what} did not happen:\n${out.text}`);
  }
}

describe('the primary process (supervisor)', () => {
  it('restarts workers that cannot start with a growing delay, then gives up with exit code 1', async () => {
    const { out, exited } = start(2, 'fail', { restartBaseMs: 20, maxFailedStarts: 4 });
    expect(await exited).toBe(1);
    for (const delay of [20, 40, 80]) expect(out.text).toContain(`exited (1); starting another in ${delay} ms`);
    expect(out.text).toMatch(/worker \d failed 4 times in a row; stopping/);
    expect(out.text).not.toContain('starting another in 160 ms');
  });

  it('stops its workers on SIGTERM and exits 0 once they have ended', async () => {
    const { child, out, exited } = start(2, 'serve', {});
    await until(
      () => out.text.includes('worker 0 up') && out.text.includes('worker 1 up'),
      'both workers up',
      child,
      out,
    );
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(out.text).not.toMatch(/starting another/);
  });

  it('keeps its grace when the signal comes twice (a second Ctrl-C), then kills what is left', async () => {
    const { child, out, exited } = start(2, 'stubborn', { shutdownGraceMs: 400 });
    await until(
      () => out.text.includes('worker 0 up') && out.text.includes('worker 1 up'),
      'both workers up',
      child,
      out,
    );
    child.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 100));
    child.kill('SIGINT');
    expect(await exited).toBe(1);
    expect(out.text).toContain('2 worker(s) still running 400 ms after SIGTERM; killing them');
  });

  it('kills workers that do not end within the grace, and says so with exit code 1', async () => {
    const { child, out, exited } = start(2, 'stubborn', { shutdownGraceMs: 300 });
    await until(
      () => out.text.includes('worker 0 up') && out.text.includes('worker 1 up'),
      'both workers up',
      child,
      out,
    );
    child.kill('SIGTERM');
    expect(await exited).toBe(1);
    expect(out.text).toContain('2 worker(s) still running 300 ms after SIGTERM; killing them');
  });
});
