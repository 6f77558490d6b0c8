// Drives autocannon from a separate Node process: on a 2-core machine, a load generator sharing the
// server's event loop would halve what the server can do and blur the comparison.
import { spawn } from 'node:child_process';
import path from 'node:path';

export type LoadOptions = {
  url: string;
  connections: number;
  durationSeconds: number;
  headers?: Record<string, string>;
};

export type LoadResult = {
  requestsPerSecond: number;
  totalRequests: number;
  p50Ms: number;
  p99Ms: number;
  ok2xx: number;
  non2xx: number;
  errors: number;
  timeouts: number;
};

/** The subset of autocannon's result object that is read here. */
type AutocannonResult = {
  requests: { average: number; total: number };
  latency: { p50: number; p99: number };
  '2xx': number;
  non2xx: number;
  errors: number;
  timeouts: number;
};

const ROOT = path.resolve(import.meta.dirname, '..');

const SCRIPT = `
import { createRequire } from 'node:module';
const require = createRequire(${JSON.stringify(ROOT + path.sep)});
const autocannon = require('autocannon');
const result = await autocannon(JSON.parse(process.argv[1]));
process.stdout.write(JSON.stringify(result));
`;

function isResult(v: unknown): v is AutocannonResult {
  if (typeof v !== 'object' || v === null) return false;
  const r = v as Record<string, unknown>;
  return typeof r.requests === 'object' && typeof r.latency === 'object' && typeof r.non2xx === 'number';
}

export function runLoad(opts: LoadOptions): Promise<LoadResult> {
  const acOpts = {
    url: opts.url,
    connections: opts.connections,
    duration: opts.durationSeconds,
    headers: opts.headers ?? {},
    timeout: 10,
  };
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--input-type=module', '-e', SCRIPT, JSON.stringify(acOpts)], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (err += d));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) return reject(new Error(`autocannon exited with ${code}: ${err.trim()}`));
      let parsed: unknown;
      try {
        parsed = JSON.parse(out);
      } catch {
        return reject(new Error(`autocannon printed no JSON: ${out.slice(0, 200)} ${err.slice(0, 200)}`));
      }
      if (!isResult(parsed)) return reject(new Error('unexpected autocannon result'));
      resolve({
        requestsPerSecond: parsed.requests.average,
        totalRequests: parsed.requests.total,
        p50Ms: parsed.latency.p50,
        p99Ms: parsed.latency.p99,
        ok2xx: parsed['2xx'],
        non2xx: parsed.non2xx,
        errors: parsed.errors,
        timeouts: parsed.timeouts,
      });
    });
  });
}
