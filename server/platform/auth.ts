// Sessions: an opaque random token in an HttpOnly cookie; only its SHA-256 is stored.
import crypto from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { PermissionCode, RoleCode, Scope } from '../../contracts/roles';
import { mergeGrants, type Principal, type RoleGrants } from './access';
import { AppError, forbidden, unauthenticated } from './errors';
import type { Config } from './env';
import { notify, type DbHandle } from './db';
import * as repo from './auth.repository';

export const SESSION_COOKIE = 'patron_sid';
const CACHE_MS = 5_000;
const TOUCH_MS = 60_000;
const CHANNEL = 'patron_auth';

export type RouteAccess = {
  /** No session needed (login, health, the public survey page later). */
  public?: boolean;
  /** Permission the caller must hold (any scope); the service narrows by scope. */
  permission?: PermissionCode;
  /** Still allowed while a password change is pending. */
  allowPendingPasswordChange?: boolean;
};

declare module 'fastify' {
  // eslint-disable-next-line @typescript-eslint/consistent-type-definitions -- augmentation needs an interface
  interface FastifyRequest {
    principal: Principal | null;
  }
  // eslint-disable-next-line @typescript-eslint/consistent-type-definitions -- augmentation needs an interface
  interface FastifyContextConfig {
    access?: RouteAccess;
  }
}

export const hashToken = (token: string) => crypto.createHash('sha256').update(token).digest('hex');
export const newToken = () => crypto.randomBytes(32).toString('base64url');

type Cached = { row: repo.SessionPrincipalRow; at: number };

export class SessionService {
  private grants: RoleGrants = new Map();
  private cache = new Map<string, Cached>();

  constructor(
    private readonly h: DbHandle,
    private readonly config: Config,
  ) {}

  async start(): Promise<void> {
    await this.reloadGrants();
    // Another instance revoked sessions or changed roles: drop what we remember.
    await this.h.listen(CHANNEL, (payload) => {
      try {
        const msg = JSON.parse(payload) as { kind: string; userId?: number };
        if (msg.kind === 'grants') void this.reloadGrants();
        if (msg.kind === 'sessions') this.forgetUser(msg.userId);
      } catch {
        this.cache.clear();
      }
    });
  }

  async reloadGrants(): Promise<void> {
    const rows = await repo.loadRoleGrants(this.h.db);
    const g: RoleGrants = new Map();
    for (const r of rows) {
      if (!g.has(r.role)) g.set(r.role, new Map());
      g.get(r.role)!.set(r.permission, r.scope as Scope);
    }
    this.grants = g;
    this.cache.clear();
  }

  forgetUser(userId?: number): void {
    if (userId === undefined) return this.cache.clear();
    for (const [k, v] of this.cache) if (v.row.userId === userId) this.cache.delete(k);
  }

  permissionsOf(roles: readonly string[]) {
    return mergeGrants(roles, this.grants);
  }

  /** The caller of a token, or null when the session is unknown, revoked, idle too long or too old. */
  async resolve(token: string): Promise<Principal | null> {
    const tokenHash = hashToken(token);
    const now = Date.now();
    let c = this.cache.get(tokenHash);
    if (!c || now - c.at > CACHE_MS) {
      const row = await repo.findSession(this.h.db, tokenHash);
      if (!row) {
        this.cache.delete(tokenHash);
        return null;
      }
      c = { row, at: now };
      this.cache.set(tokenHash, c);
      if (this.cache.size > 50_000) this.cache.clear();
    }
    const r = c.row;
    const idleMs = this.config.sessionIdleMinutes * 60_000;
    if (r.revokedAt || r.disabled || r.staffStatus === 'departed' || r.expiresAt.getTime() <= now || now - r.lastSeenAt.getTime() > idleMs) {
      return null;
    }
    if (now - r.lastSeenAt.getTime() > TOUCH_MS) {
      r.lastSeenAt = new Date(now);
      await repo.touchSession(this.h.db, tokenHash);
    }
    return {
      userId: r.userId,
      username: r.username,
      staffId: r.staffId,
      staffNo: r.staffNo,
      name: r.name,
      branchId: r.branchId,
      branchCode: r.branchCode,
      branchName: r.branchName,
      branchPath: r.branchPath,
      roles: r.roles as RoleCode[],
      permissions: this.permissionsOf(r.roles),
      mustChangePassword: r.mustChangePassword,
      locale: r.locale === 'en' ? 'en' : 'zh-CN',
      sessionId: tokenHash,
    };
  }

  expiresAt(): Date {
    return new Date(Date.now() + this.config.sessionAbsoluteMinutes * 60_000);
  }

  /** Tell every instance (this one included) to forget cached sessions or grants. */
  async broadcast(kind: 'grants' | 'sessions', userId?: number): Promise<void> {
    // This instance is consistent before the response goes out; the others follow on the NOTIFY.
    if (kind === 'sessions') this.forgetUser(userId);
    else await this.reloadGrants();
    await notify(this.h.db, CHANNEL, { kind, userId });
  }
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** A state-changing request from another site is refused even if the browser sent our cookie. */
export function originProblem(req: FastifyRequest): boolean {
  if (!UNSAFE.has(req.method)) return false;
  const origin = req.headers.origin;
  const host = req.headers.host;
  if (origin && origin !== 'null') {
    try {
      return new URL(origin).host !== host;
    } catch {
      return true;
    }
  }
  if (origin === 'null') return true;
  return req.headers['sec-fetch-site'] === 'cross-site';
}

export function installAuth(app: FastifyInstance, sessions: SessionService): void {
  app.decorateRequest('principal', null);
  // One place decides who may call what: every route declares its access in its config. It runs
  // before the body is read, so a caller who may not call a route learns nothing about its input.
  app.addHook('onRequest', async (req) => {
    if (originProblem(req)) {
      throw new AppError(403, 'BAD_ORIGIN', '请求来源不被允许', 'Request refused: it did not come from this site');
    }
    const access = req.routeOptions.config?.access;
    const token = req.cookies?.[SESSION_COOKIE];
    if (token) req.principal = await sessions.resolve(token);
    // Outside the API (the web app's files, the API docs) nothing is secret; inside it, default deny.
    if (access?.public || !req.url.startsWith('/api/') || req.url.startsWith('/api/docs')) return;
    if (!req.principal) throw unauthenticated();
    if (req.principal.mustChangePassword && !access?.allowPendingPasswordChange) {
      throw new AppError(403, 'PASSWORD_CHANGE_REQUIRED', '首次登录或密码已重置，请先修改密码', 'Please change your password first');
    }
    if (access?.permission && !req.principal.permissions[access.permission]) throw forbidden();
  });
}

/** The principal of an authenticated route (the preHandler has guaranteed it). */
export function principalOf(req: FastifyRequest): Principal {
  if (!req.principal) throw unauthenticated();
  return req.principal;
}
