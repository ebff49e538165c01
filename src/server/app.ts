import cluster from 'node:cluster';
import fs from 'node:fs';
import path from 'node:path';
import Fastify, { type FastifyReply, type FastifyServerOptions } from 'fastify';
import cookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import fastifyStatic from '@fastify/static';
import compress from '@fastify/compress';
import zlib from 'node:zlib';
import {
  jsonSchemaTransform,
  jsonSchemaTransformObject,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { finishOpenApi } from './lib/openapi';
import { serializerCompiler } from './lib/serialize';
import type { Config } from './config';
import { openDatabase, type Database } from './db/database';
import { migrateToLatest } from './db/migrate';
import { createContext, type AppContext } from './context';
import { registerErrorHandler, errorBody } from './plugins/error-handler';
import { registerAuth } from './plugins/auth';
import { registerSecurityHeaders } from './plugins/security-headers';
import { registerInputGuard } from './plugins/input-guard';
import type { AppModule } from './module';
import { healthModule } from './modules/health';
import { authModule } from './modules/auth';
import { orgModule } from './modules/org';
import { ticketsModule } from './modules/tickets';
import { calendarsModule } from './modules/calendars';
import { indicatorsModule } from './modules/indicators';
import { notificationsModule } from './modules/notifications';
import { escalationsModule } from './modules/escalations';
import { mailInboundModule } from './modules/mail-inbound';
import { schedulerModule } from './modules/scheduler';
import { contractsModule } from './modules/contracts';
import { applicationsModule } from './modules/applications';
import { projectsModule } from './modules/projects';
import { fleetModule } from './modules/fleet';
import { inboxModule } from './modules/inbox';
import { version } from './version';
import { newId } from './lib/ids';
import type { App } from './lib/http';

/** Every capability of the app, in the order their routes are declared. Add yours here. */
export const appModules: readonly AppModule[] = [
  healthModule,
  authModule,
  orgModule,
  ticketsModule,
  calendarsModule,
  indicatorsModule,
  notificationsModule,
  escalationsModule,
  mailInboundModule,
  schedulerModule,
  contractsModule,
  applicationsModule,
  projectsModule,
  fleetModule,
  inboxModule,
];

declare module 'fastify' {
  interface FastifyInstance {
    ctx: AppContext;
  }
}

export interface BuildOptions {
  /** An already open database (tests); otherwise opened from the config. */
  database?: Database;
  /** A controllable clock (tests). */
  now?: () => Date;
  /** Run migrations before serving (default true). */
  migrate?: boolean;
}

/** Builds the ready Fastify instance: plugins, error handling, every module's routes. Does not listen. */
export async function buildApp(config: Config, opts: BuildOptions = {}): Promise<App> {
  const database = opts.database ?? openDatabase(config);
  if (opts.migrate !== false) await migrateToLatest(database);
  const ctx = createContext(config, database, opts.now);

  const logger: FastifyServerOptions['logger'] =
    config.logLevel === 'silent'
      ? false
      : { level: config.logLevel, redact: ['req.headers.cookie', 'req.headers.authorization'] };
  const app = Fastify({
    logger,
    genReqId: () => newId(),
    // A hop count trusts that many proxies nearest to us (proxy-addr's rule); a list trusts those addresses.
    trustProxy:
      typeof config.trustProxy === 'number'
        ? (_address: string, hop: number) => hop < (config.trustProxy as number)
        : config.trustProxy,
    bodyLimit: 2 * 1024 * 1024,
    // Errors Fastify meets before any route (a malformed URL, a path parameter over its maximum
    // length) answer in the API's error format too.
    frameworkErrors: (err, _req, reply) => {
      const raw = reply as unknown as FastifyReply;
      if (err.code === 'FST_ERR_MAX_PARAM_LENGTH') {
        void raw.status(414).send(errorBody('uri_too_long', 'A path parameter is longer than allowed.'));
        return;
      }
      void raw.status(400).send(
        errorBody('invalid_request', 'The address is not a valid URL.', {
          fields: [{ field: 'path', in: 'params', code: 'invalid_format', message: err.message }],
        }),
      );
    },
    ajv: undefined,
  }).withTypeProvider<ZodTypeProvider>();
  ctx.log = app.log;
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.decorate('ctx', ctx);

  // Answers compressed when the client accepts it (brotli at a quality that costs little CPU);
  // the web app's files are compressed once at build time and served as such (preCompressed).
  await app.register(compress, {
    global: true,
    threshold: 1024,
    encodings: ['br', 'gzip'],
    brotliOptions: { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 4 } },
  });
  await app.register(cookie);
  await app.register(multipart, { limits: { fileSize: config.maxUploadBytes, files: 10 } });
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Mutualis API',
        version,
        description:
          'Contract-driven shared IT service management. Cookie sessions for people, `Authorization: Bearer` tokens for integrations.',
        license: { name: 'AGPL-3.0-or-later', identifier: 'AGPL-3.0-or-later' },
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'mutualis_session' },
          bearer: { type: 'http', scheme: 'bearer' },
        },
      },
      security: [{ session: [] }, { bearer: [] }],
    },
    transform: jsonSchemaTransform,
    transformObject: (doc) => finishOpenApi(jsonSchemaTransformObject(doc)),
  });
  // The API docs page has its own policy (the plugin's, with the hashes of its inline parts).
  await app.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: true });
  app.get('/api/openapi.json', { schema: { hide: true } }, () => app.swagger());

  registerErrorHandler(app);
  registerAuth(app, ctx);
  registerInputGuard(app);
  registerSecurityHeaders(app);

  for (const mod of appModules) {
    mod.routes?.(app, ctx);
    for (const [kind, handler] of Object.entries(mod.jobs ?? {})) ctx.scheduler.register(kind, handler);
    mod.subscribe?.(ctx);
  }
  if (!ctx.config.smtp)
    app.log.warn('SMTP is not configured (SMTP_HOST): notifications are recorded in the outbox, not sent.');
  // Scheduled work runs where the configuration asks for it (MUTUALIS_SCHEDULER, on by default):
  // each module makes sure its recurring jobs exist, then the runner polls. Several processes
  // may run it against one PostgreSQL database: claims use SKIP LOCKED.
  if (ctx.config.scheduler) {
    app.addHook('onReady', async () => {
      for (const mod of appModules) await mod.start?.(ctx);
      ctx.scheduler.start(ctx, app.log);
    });
  }

  // The planner's statistics: refreshed at start and hourly as the data grows, by one process
  // only when several serve the database (the primary did it before forking; worker 0 keeps it up).
  // A failure (e.g. the database busy past its timeout) costs nothing but stale statistics.
  const optimize = () => {
    const err = database.optimize();
    if (err) app.log.warn({ err }, 'database statistics not refreshed');
  };
  if (!cluster.isWorker) optimize();
  const optimizer = config.workerIndex === 0 ? setInterval(optimize, 3_600_000) : undefined;
  optimizer?.unref();

  // The built web app (single-page): static files, and index.html for client routes. The one
  // 404 handler of the app (Fastify allows one per prefix) answers the API's JSON 404 otherwise.
  const index = path.join(config.webDir, 'index.html');
  const hasWeb = fs.existsSync(index);
  // wildcard: files are looked up per request, so a rebuild of the web app while the server runs serves
  // the new hashed assets instead of 404s (a list read at start would be stale).
  if (hasWeb)
    await app.register(fastifyStatic, {
      root: config.webDir,
      prefix: '/',
      wildcard: true,
      index: false,
      preCompressed: true,
      cacheControl: false,
      // Built assets have a content hash in their name: cached for a year, never revalidated.
      setHeaders: (reply, file) => {
        reply.header(
          'cache-control',
          file.includes(`${path.sep}assets${path.sep}`)
            ? 'public, max-age=31536000, immutable'
            : 'public, max-age=3600',
        );
      },
    });
  const sendIndex = (reply: FastifyReply) =>
    reply.type('text/html').header('cache-control', 'no-cache').send(fs.createReadStream(index));
  // The root is a directory for the static plugin (403 with index: false): it is the app's home page.
  if (hasWeb) app.get('/', { schema: { hide: true } }, (_req, reply) => sendIndex(reply));
  app.setNotFoundHandler((req, reply) => {
    const pathname = req.url.split('?')[0]!;
    // Client routes get the app; a missing built file (an old hashed asset) stays a 404.
    if (hasWeb && req.method === 'GET' && !pathname.startsWith('/api/') && !pathname.startsWith('/assets/')) {
      return sendIndex(reply);
    }
    return reply.status(404).send(errorBody('not_found', `No route ${req.method} ${pathname}.`));
  });

  app.addHook('onClose', async () => {
    clearInterval(optimizer);
    // Work in progress finishes before the database closes: the runner's current run, listener
    // work started after a commit, then each module's own.
    await ctx.scheduler.stop();
    await ctx.events.stop();
    for (const mod of [...appModules].reverse()) await mod.stop?.(ctx);
    ctx.mailer.stop();
    if (!opts.database) await database.close();
  });
  return app;
}
