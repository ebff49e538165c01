import cluster from 'node:cluster';
import { ConfigError, loadConfig, type Config } from './config';
import { buildApp } from './app';
import { isEmpty, seedDemo } from './demo/seed';
import { openDatabase } from './db/database';
import { migrateToLatest } from './db/migrate';
import { createContext } from './context';
import { supervise } from './supervisor';

/**
 * Starts the server: migrations, demo data on an empty database, then listen.
 *
 * With WORKERS=n (n > 1) this process becomes a primary that prepares the database once, then
 * forks n HTTP workers sharing the port (node:cluster) and replaces any that dies. Sessions live
 * in the database, so any worker serves any request. Scheduled work runs in the first worker
 * only (it is safe in several, but one is enough and keeps SQLite's single writer free).
 */
async function main(): Promise<void> {
  const config = loadConfig();
  if (config.workers > 1 && cluster.isPrimary) return primary(config);
  const workerIndex = config.workerIndex;
  const app = await buildApp(workerIndex > 0 ? { ...config, scheduler: false } : config);
  if (!cluster.isWorker && config.demo && (await isEmpty(app.ctx))) {
    const t0 = Date.now();
    await seedDemo(app.ctx);
    const err = app.ctx.database.optimize();
    if (err) app.log.warn({ err }, 'database statistics not refreshed');
    app.log.info({ ms: Date.now() - t0 }, 'demo data loaded (password for every account: mutualis-demo)');
  }
  const close = async (signal: string) => {
    app.log.info({ signal }, 'shutting down');
    await app.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void close('SIGINT'));
  process.once('SIGTERM', () => void close('SIGTERM'));
  await app.listen({ port: config.port, host: config.host });
  if (workerIndex === 0)
    app.log.info(
      `Mutualis on http://localhost:${config.port} (${app.ctx.dialect}${cluster.isWorker ? `, ${config.workers} workers` : ''})`,
    );
}

async function primary(config: Config): Promise<void> {
  const database = openDatabase(config);
  await migrateToLatest(database);
  const ctx = createContext(config, database);
  if (config.demo && (await isEmpty(ctx))) {
    const t0 = Date.now();
    await seedDemo(ctx);
    console.log(
      JSON.stringify({
        level: 30,
        time: Date.now(),
        ms: Date.now() - t0,
        msg: 'demo data loaded (password for every account: mutualis-demo)',
      }),
    );
  }
  const err = database.optimize();
  if (err)
    console.error(
      JSON.stringify({ level: 40, time: Date.now(), msg: `database statistics not refreshed: ${err.message}` }),
    );
  await database.close();

  supervise(config.workers);
}

main().catch((err) => {
  // A configuration mistake is one clear line; anything else keeps its stack.
  console.error(err instanceof ConfigError ? `Mutualis cannot start: ${err.message}` : err);
  process.exit(1);
});
