import { loadConfig } from './config';
import { buildApp } from './app';
import { isEmpty, seedDemo } from './demo/seed';

/** Starts the server: migrations, demo data on an empty database, then listen. */
async function main(): Promise<void> {
  const config = loadConfig();
  const app = await buildApp(config);
  if (config.demo && (await isEmpty(app.ctx))) {
    const t0 = Date.now();
    await seedDemo(app.ctx);
    app.ctx.database.optimize();
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
  app.log.info(`Mutualis on http://localhost:${config.port} (${app.ctx.dialect})`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
