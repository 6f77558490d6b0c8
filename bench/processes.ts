// Ports, scratch databases and server processes for the benchmarks.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import pg from 'pg';

export const ROOT = path.resolve(import.meta.dirname, '..');

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export type ScratchDatabase = { url: string; drop(): Promise<void> };

let scratchCounter = 0;

/** A new empty database on the server of baseUrl, so each run starts as a first start would. */
export async function scratchDatabase(baseUrl: string, label: string): Promise<ScratchDatabase> {
  scratchCounter += 1;
  const name = `patron_bench_${label}_${process.pid}_${scratchCounter}`.replace(/[^a-z0-9_]/g, '_');
  const admin = new pg.Client({ connectionString: baseUrl });
  await admin.connect();
  try {
    await admin.query(`create database "${name}"`);
  } finally {
    await admin.end();
  }
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const c = new pg.Client({ connectionString: baseUrl });
      await c.connect();
      try {
        await c.query(`drop database if exists "${name}" with (force)`);
      } finally {
        await c.end();
      }
    },
  };
}

const live = new Set<ChildProcess>();

/** On Ctrl-C: servers run in their own process group, so they would outlive the runner. */
export function killAllServers(): void {
  for (const child of live) {
    try {
      if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
  live.clear();
}

export type ServerProcess = {
  child: ChildProcess;
  port: number;
  logFile: string;
  exited: Promise<number | null>;
  /** SIGTERM, wait for exit (SIGKILL to the group after timeoutMs); resolves with seconds taken. */
  stop(timeoutMs?: number): Promise<number>;
  logTail(lines?: number): string;
};

/**
 * `node --import tsx server/main.ts <args>` on the Node that runs the benchmark (the pinned Node 24):
 * how `npm start`, `npx patron` and the E2E harness start the server.
 */
export function spawnServer(
  args: string[],
  baseEnv: NodeJS.ProcessEnv,
  env: Record<string, string | undefined>,
  port: number,
  logFile: string,
): ServerProcess {
  fs.mkdirSync(path.dirname(logFile), { recursive: true });
  const log = fs.openSync(logFile, 'w');
  const fullEnv: NodeJS.ProcessEnv = { ...baseEnv };
  for (const [k, v] of Object.entries(env)) {
    if (v === undefined) delete fullEnv[k];
    else fullEnv[k] = v;
  }
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'server', 'main.ts'), ...args], {
    cwd: ROOT,
    env: fullEnv,
    stdio: ['ignore', log, log],
    detached: true,
  });
  fs.closeSync(log);
  live.add(child);
  child.once('exit', () => live.delete(child));
  const exited = new Promise<number | null>((resolve) => {
    if (child.exitCode !== null) resolve(child.exitCode);
    else child.once('exit', (code) => resolve(code));
  });
  const killGroup = (sig: NodeJS.Signals) => {
    try {
      if (child.pid !== undefined) process.kill(-child.pid, sig);
    } catch {
      // already gone
    }
  };
  return {
    child,
    port,
    logFile,
    exited,
    async stop(timeoutMs = 30_000) {
      const t0 = performance.now();
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => killGroup('SIGKILL'), timeoutMs);
        await exited;
        clearTimeout(timer);
      }
      // Anything the server left behind in its group (it should leave nothing).
      killGroup('SIGKILL');
      return (performance.now() - t0) / 1000;
    },
    logTail(lines = 30) {
      try {
        return fs.readFileSync(logFile, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
      } catch {
        return '';
      }
    },
  };
}

/** Polls url until it answers 200; seconds from t0 (a performance.now() value). */
export async function waitForOk(url: string, proc: ServerProcess, t0: number, timeoutMs: number): Promise<number> {
  let exitCode: number | null | undefined;
  void proc.exited.then((c) => (exitCode = c));
  while (performance.now() - t0 < timeoutMs) {
    if (exitCode !== undefined) throw new Error(`server exited (${exitCode}) before ready:\n${proc.logTail()}`);
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(2000) });
      await res.arrayBuffer();
      if (res.status === 200) return (performance.now() - t0) / 1000;
    } catch {
      // not listening yet
    }
    await sleep(50);
  }
  throw new Error(`not ready after ${timeoutMs / 1000} s:\n${proc.logTail()}`);
}
