import cluster from 'node:cluster';

// The primary process of a multi-process server (WORKERS > 1): it forks the HTTP workers and
// keeps them up. Logs are pino-shaped JSON lines, like the workers'.

export interface SuperviseOptions {
  /** First restart delay, doubled at each failed start in a row up to 30 times itself (default 1 s). */
  restartBaseMs?: number;
  /** A worker that dies younger than this failed to start; older, it crashed (default 30 s). */
  healthyAfterMs?: number;
  /** Failed starts in a row of one worker after which the server stops with exit code 1 (default 5). */
  maxFailedStarts?: number;
  /** Grace for the workers to finish their requests on shutdown before they are killed (default 30 s). */
  shutdownGraceMs?: number;
}

/** Delay before restarting a worker that failed `failures` times in a row: 1 s, 2 s, 4 s … 30 s (base 1 s). */
export function restartDelay(failures: number, baseMs = 1000): number {
  return Math.min(30 * baseMs, baseMs * 2 ** Math.max(0, failures - 1));
}

function log(level: number, msg: string, extra: Record<string, unknown> = {}): void {
  (level >= 50 ? console.error : console.log)(
    JSON.stringify({ level, time: Date.now(), pid: process.pid, ...extra, msg }),
  );
}

/**
 * Forks `count` workers (each told its index in MUTUALIS_WORKER_INDEX) and keeps them up: a worker
 * that dies is replaced after a growing delay; one that cannot start (dies young `maxFailedStarts`
 * times in a row) stops the whole server with exit code 1 rather than restarting forever.
 * SIGTERM/SIGINT stop the workers gracefully, then kill those still running after the grace.
 */
export function supervise(count: number, opts: SuperviseOptions = {}): void {
  const { restartBaseMs = 1000, healthyAfterMs = 30_000, maxFailedStarts = 5, shutdownGraceMs = 30_000 } = opts;
  let stopping = false;
  const failedStarts = new Map<number, number>();
  const alive = () =>
    Object.values(cluster.workers ?? {}).filter((w): w is NonNullable<typeof w> => w !== undefined && !w.isDead());

  const fork = (index: number) => {
    if (stopping) return;
    const startedAt = Date.now();
    const worker = cluster.fork({ MUTUALIS_WORKER_INDEX: String(index) });
    worker.on('exit', (code, signal) => {
      if (stopping) return;
      const failures = Date.now() - startedAt < healthyAfterMs ? (failedStarts.get(index) ?? 0) + 1 : 1;
      failedStarts.set(index, failures);
      if (failures >= maxFailedStarts) {
        log(60, `worker ${index} failed ${failures} times in a row; stopping`, { code, signal });
        stop('SIGTERM', 1);
        return;
      }
      const delay = restartDelay(failures, restartBaseMs);
      log(50, `worker ${index} exited (${signal ?? code}); starting another in ${delay} ms`, { code, signal });
      // Not unref'd: with every worker dead, this timer is what keeps the primary alive.
      setTimeout(() => fork(index), delay);
    });
  };

  const stop = (signal: NodeJS.Signals, exitCode = 0) => {
    if (stopping) return;
    stopping = true;
    const workers = alive();
    if (!workers.length) process.exit(exitCode);
    cluster.on('exit', () => {
      if (!alive().length) process.exit(exitCode);
    });
    for (const w of workers) w.process.kill(signal);
    setTimeout(() => {
      const left = alive();
      log(50, `${left.length} worker(s) still running ${shutdownGraceMs} ms after ${signal}; killing them`);
      for (const w of left) w.process.kill('SIGKILL');
      process.exit(exitCode || 1);
    }, shutdownGraceMs).unref();
  };

  for (let i = 0; i < count; i++) fork(i);
  // `on`, not `once`: a second Ctrl-C during the grace must not kill the primary outright (stop ignores repeats).
  process.on('SIGINT', () => stop('SIGTERM'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}
