import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { changePasswordBody, localeBody, loginBody, me, ok } from '../../../contracts';
import { actorOf } from '../../platform/audit';
import { principalOf, SESSION_COOKIE } from '../../platform/auth';
import type { AppContext } from '../../platform/context';
import * as auth from './org-auth.service';

export function orgAuthRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const cookie = (expires: Date) => ({ path: '/', httpOnly: true, sameSite: 'lax' as const, secure: ctx.config.cookieSecure, expires });

  r.post('/api/auth/login', {
    schema: { tags: ['auth'], body: loginBody, response: { 200: me } },
    config: { access: { public: true }, rateLimit: { max: 30, timeWindow: '1 minute', keyGenerator: (req) => `${req.ip}|${(req.body as { username?: string } | undefined)?.username ?? ''}` } },
  }, async (req, reply) => {
    const res = await auth.login(ctx, actorOf(req, req.body.username), { ...req.body, userAgent: req.headers['user-agent'] ?? null });
    reply.setCookie(SESSION_COOKIE, res.token, cookie(res.expiresAt));
    return res.me;
  });

  r.post('/api/auth/logout', { schema: { tags: ['auth'], response: { 200: ok } }, config: { access: { allowPendingPasswordChange: true } } }, async (req, reply) => {
    await auth.logout(ctx, actorOf(req), principalOf(req));
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return { ok: true as const };
  });

  r.post('/api/auth/logout-all', { schema: { tags: ['auth'], response: { 200: z.object({ ok: z.literal(true), sessions: z.number().int() }) } }, config: { access: { allowPendingPasswordChange: true } } }, async (req, reply) => {
    const n = await auth.logoutEverywhere(ctx, actorOf(req), principalOf(req));
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return { ok: true as const, sessions: n };
  });

  r.post('/api/auth/password', { schema: { tags: ['auth'], body: changePasswordBody, response: { 200: ok } }, config: { access: { allowPendingPasswordChange: true } } }, async (req) => {
    await auth.changePassword(ctx, actorOf(req), principalOf(req), req.body);
    return { ok: true as const };
  });

  r.get('/api/me', { schema: { tags: ['auth'], response: { 200: me } }, config: { access: { allowPendingPasswordChange: true } } }, async (req) => auth.toMe(principalOf(req)));

  r.put('/api/me/locale', { schema: { tags: ['auth'], body: localeBody, response: { 200: ok } }, config: { access: { allowPendingPasswordChange: true } } }, async (req) => {
    await auth.setLocale(ctx, principalOf(req), req.body.locale);
    return { ok: true as const };
  });
}
