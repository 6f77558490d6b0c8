// buildApp(config) -> a Fastify instance with every platform plugin and module registered.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import cookie from '@fastify/cookie';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { Config } from './platform/env';
import { openDatabase, ping, type DbHandle } from './platform/db';
import { migrateToLatest, pendingMigrations } from './platform/migrations';
import { installErrorHandler } from './platform/errors';
import { installSecurityHeaders } from './platform/security-headers';
import { installAuth, SessionService } from './platform/auth';
import { EventHub } from './platform/events';
import { Notifier, notificationRoutes } from './platform/notifications';
import { auditRoutes } from './platform/audit.routes';
import type { AppContext } from './platform/context';
import { JobRunner } from './platform/jobs';
import { platformJobs } from './platform/platform.jobs';
import { orgJobs } from './modules/org/org.jobs';
import { orgAuthRoutes } from './modules/org/org-auth.routes';
import { orgRoutes } from './modules/org/org.routes';
import { customerRoutes } from './modules/customers/customers.routes';
import { tierRoutes } from './modules/customers/tiers.routes';
import { tierJobs } from './modules/customers/tiers.jobs';
import { privilegesRoutes } from './modules/privileges/privileges.routes';
import { customerImportRoutes } from './modules/customers/customer-import.routes';
import { lobbyRoutes } from './modules/lobby/lobby.routes';
import { lobbyJobs } from './modules/lobby/lobby.jobs';
import { productsRoutes } from './modules/products/products.routes';
import { productsJobs } from './modules/products/products.jobs';
import { engagementRoutes } from './modules/engagement/engagement.routes';
import { growthRoutes } from './modules/engagement/growth.routes';
import { engagementJobs } from './modules/engagement/engagement.jobs';
import { qualityRoutes } from './modules/quality/quality.routes';
import { qualityJobs } from './modules/quality/quality.jobs';
import { surveysRoutes } from './modules/quality/surveys.routes';
import { surveysJobs } from './modules/quality/surveys.jobs';
import { insightsRoutes } from './modules/insights/insights.routes';
import { insightsJobs } from './modules/insights/insights.jobs';
import { performanceRoutes } from './modules/performance/performance.routes';
import { performanceJobs } from './modules/performance/performance.jobs';
import { contestsRoutes } from './modules/performance/contests.routes';
import { contestsJobs } from './modules/performance/contests.jobs';
import { seedReferenceData } from './seed/reference-data';

declare module 'fastify' {
  // eslint-disable-next-line @typescript-eslint/consistent-type-definitions -- augmentation needs an interface
  interface FastifyInstance {
    ctx: AppContext;
    /** Every route with its declared access, for the access tests and the docs. */
    routeTable: { method: string; url: string; access: import('./platform/auth').RouteAccess | undefined; hasBody: boolean }[];
  }
}

export type BuildOptions = {
  /** Use this open database instead of opening one from the config (tests). */
  handle?: DbHandle;
  /** Skip migrations and reference data (the handle is already a migrated template). */
  skipMigrate?: boolean;
  logger?: boolean;
};

export async function buildApp(config: Config, opts: BuildOptions = {}): Promise<FastifyInstance> {
  const handle = opts.handle ?? (await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir }));
  if (!opts.skipMigrate) {
    await migrateToLatest(handle.db);
    await seedReferenceData(handle.db);
  }

  const app = Fastify({
    logger: opts.logger === false || config.isTest ? false : { level: config.logLevel },
    genReqId: (req) => (typeof req.headers['x-request-id'] === 'string' && /^[\w-]{8,64}$/.test(req.headers['x-request-id']) ? req.headers['x-request-id'] : crypto.randomUUID()),
    trustProxy: true,
    bodyLimit: 1024 * 1024,
    return503OnClosing: true,
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  const sessions = new SessionService(handle, config);
  await sessions.start();
  const hub = new EventHub(handle);
  await hub.start();
  const ctx = { config, handle, db: handle.db, sessions, hub, notifier: new Notifier(hub) } as AppContext;
  ctx.jobs = new JobRunner(ctx);
  for (const job of [...platformJobs, ...orgJobs, ...tierJobs, ...lobbyJobs, ...productsJobs, ...engagementJobs, ...qualityJobs, ...surveysJobs, ...insightsJobs, ...performanceJobs, ...contestsJobs]) ctx.jobs.register(job);
  app.decorate('ctx', ctx);
  const routeTable: FastifyInstance['routeTable'] = [];
  app.decorate('routeTable', routeTable);
  app.addHook('onRoute', (r) => {
    const access = (r.config as { access?: import('./platform/auth').RouteAccess } | undefined)?.access;
    for (const m of [r.method].flat()) if (m !== 'HEAD') routeTable.push({ method: m, url: r.url, access, hasBody: !!r.schema?.body });
  });

  installErrorHandler(app, serveWeb(app, config.webDist));
  await app.register(cookie);
  installSecurityHeaders(app, { https: config.cookieSecure });
  await app.register(rateLimit, { global: false, hook: 'preHandler' });
  await app.register(swagger, {
    openapi: { info: { title: 'Patron API', version: '0.1.0', description: '贵宾客户服务体系 VIP customer service system' } },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs', uiConfig: { docExpansion: 'none' } });
  installAuth(app, sessions);

  app.get('/healthz', { config: { access: { public: true } }, schema: { hide: true } }, async () => ({ ok: true }));
  app.get('/readyz', { config: { access: { public: true } }, schema: { hide: true } }, async (_req, reply) => {
    const dbOk = await ping(handle.db);
    const pending = dbOk ? await pendingMigrations(handle.db) : [];
    const ready = dbOk && pending.length === 0;
    return reply.status(ready ? 200 : 503).send({ ready, database: dbOk, pendingMigrations: pending });
  });

  orgAuthRoutes(app, ctx);
  orgRoutes(app, ctx);
  customerRoutes(app, ctx);
  tierRoutes(app, ctx);
  privilegesRoutes(app, ctx);
  customerImportRoutes(app, ctx);
  lobbyRoutes(app, ctx);
  productsRoutes(app, ctx);
  engagementRoutes(app, ctx);
  growthRoutes(app, ctx);
  qualityRoutes(app, ctx);
  surveysRoutes(app, ctx);
  insightsRoutes(app, ctx);
  performanceRoutes(app, ctx);
  contestsRoutes(app, ctx);
  auditRoutes(app, ctx);
  notificationRoutes(app, { db: handle.db, hub });

  if (config.runJobs && !config.isTest) {
    app.addHook('onListen', async () => ctx.jobs.start((msg, detail) => app.log.info({ detail }, msg)));
  }
  // Graceful stop: in-flight requests finish; a keep-alive connection that goes idle after its last
  // response is closed then, instead of holding the stop until its keep-alive timeout.
  let reaper: NodeJS.Timeout | null = null;
  app.addHook('preClose', async () => {
    ctx.jobs.stop();
    hub.closeAll();
    reaper = setInterval(() => app.server.closeIdleConnections(), 50);
  });
  app.addHook('onClose', async () => {
    if (reaper) clearInterval(reaper);
  });
  app.addHook('onClose', async () => {
    if (!opts.handle) await handle.close();
  });
  return app;
}

/** The built single-page app's files; returns the reader of its index page, or null if not built. */
function serveWeb(app: FastifyInstance, dist: string): (() => string) | null {
  const index = path.join(dist, 'index.html');
  if (!fs.existsSync(index)) return null;
  void app.register(fastifyStatic, { root: dist, prefix: '/', wildcard: false, index: false, maxAge: '1h' });
  let cached: string | null = null;
  return () => (cached ??= fs.readFileSync(index, 'utf8'));
}
