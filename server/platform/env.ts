// The only place that reads process.env: everything else receives a Config.
import path from 'node:path';

export type Config = {
  /** PostgreSQL server URL; when absent the embedded PGlite database in dataDir is used. */
  databaseUrl: string | null;
  dataDir: string;
  host: string;
  port: number;
  logLevel: string;
  /** Session idle timeout and absolute lifetime, minutes. */
  sessionIdleMinutes: number;
  sessionAbsoluteMinutes: number;
  lockoutFailures: number;
  lockoutMinutes: number;
  cookieSecure: boolean;
  /** Serve the built web app from this folder when it exists. */
  webDist: string;
  seed: number;
  runJobs: boolean;
  isTest: boolean;
};

export function loadConfig(overrides: Partial<Config> = {}, env: NodeJS.ProcessEnv = process.env): Config {
  const root = path.resolve(import.meta.dirname, '..', '..');
  const num = (v: string | undefined, d: number) => (v !== undefined && v !== '' && !Number.isNaN(Number(v)) ? Number(v) : d);
  return {
    databaseUrl: env.DATABASE_URL || null,
    dataDir: path.resolve(env.PATRON_DATA_DIR || path.join(root, 'data')),
    host: env.HOST || '127.0.0.1',
    port: num(env.PORT, 3000),
    logLevel: env.LOG_LEVEL || 'info',
    sessionIdleMinutes: num(env.PATRON_SESSION_IDLE_MINUTES, 30),
    sessionAbsoluteMinutes: num(env.PATRON_SESSION_ABSOLUTE_MINUTES, 12 * 60),
    lockoutFailures: num(env.PATRON_LOCKOUT_FAILURES, 5),
    lockoutMinutes: num(env.PATRON_LOCKOUT_MINUTES, 15),
    cookieSecure: env.PATRON_COOKIE_SECURE === '1',
    // Another build folder lets several checkouts' E2E runs share a machine.
    webDist: env.PATRON_WEB_DIST ? path.resolve(env.PATRON_WEB_DIST) : path.join(root, 'dist', 'web'),
    seed: num(env.PATRON_SEED, 20261128),
    runJobs: env.PATRON_JOBS !== '0',
    isTest: env.VITEST === 'true' || env.NODE_ENV === 'test',
    ...overrides,
  };
}

/**
 * Connections of the PostgreSQL pool per app instance. A request holds one only for its statements
 * (row locks are kept short), so a few per core of the database server serve hundreds of counters;
 * more only queue inside PostgreSQL instead of in the pool.
 */
export function dbPoolSize(env: NodeJS.ProcessEnv = process.env): number {
  const n = Number(env.PATRON_DB_POOL_SIZE);
  return Number.isInteger(n) && n > 0 ? n : 20;
}

/** For test harnesses: the server URL of a throwaway test PostgreSQL, if one was started. */
export function testDatabaseUrl(env: NodeJS.ProcessEnv = process.env): string | null {
  return env.TEST_DATABASE_URL || null;
}
