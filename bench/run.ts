// npm run bench [-- <name>… ] [--pg]
//   Runs bench/*.bench.ts (or the named ones) on the embedded database, and on PostgreSQL too when
//   BENCH_DATABASE_URL is set or --pg is given (--pg starts a throwaway cluster and removes it after).
//   Prints a table per benchmark and a summary; a missed target is reported, never an exit code.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { killAllServers } from './processes';
import { renderTable, type Bench, type BenchRow, type DatabaseKind } from './report';

const BENCH_DIR = import.meta.dirname;
const ROOT = path.resolve(BENCH_DIR, '..');
const TMP_ROOT = path.join(BENCH_DIR, '.tmp');
const CLUSTER_STATE = path.join(TMP_ROOT, 'pg-cluster.state');

type Target = { kind: DatabaseKind; databaseUrl: string | null };

const log = (m: string) => process.stderr.write(`[bench] ${m}\n`);

function parseArgs(argv: string[]): { names: string[]; pg: boolean } {
  const names: string[] = [];
  let pg = false;
  for (const a of argv) {
    if (a === '--pg') pg = true;
    else if (a === '--help' || a === '-h') {
      process.stdout.write('usage: npm run bench [-- <name>…] [--pg]\n');
      process.exit(0);
    } else if (a.startsWith('-')) throw new Error(`unknown option ${a}`);
    else names.push(a);
  }
  return { names, pg };
}

function isBench(v: unknown): v is Bench {
  if (typeof v !== 'object' || v === null) return false;
  const b = v as Record<string, unknown>;
  return typeof b.name === 'string' && typeof b.title === 'string' && typeof b.run === 'function';
}

async function loadBenches(names: string[]): Promise<Bench[]> {
  const files = fs
    .readdirSync(BENCH_DIR)
    .filter((f) => f.endsWith('.bench.ts'))
    .sort();
  const chosen = names.length === 0 ? files : files.filter((f) => names.some((n) => f.startsWith(n)));
  const unknown = names.filter((n) => !files.some((f) => f.startsWith(n)));
  if (unknown.length > 0) throw new Error(`no benchmark named ${unknown.join(', ')} (have: ${files.join(', ')})`);
  const out: Bench[] = [];
  for (const f of chosen) {
    const mod: unknown = await import(pathToFileURL(path.join(BENCH_DIR, f)).href);
    const b = typeof mod === 'object' && mod !== null ? (mod as Record<string, unknown>).bench : undefined;
    if (!isBench(b)) throw new Error(`${f} does not export a "bench"`);
    out.push(b);
  }
  return out;
}

function cluster(cmd: 'start' | 'stop', env: NodeJS.ProcessEnv): string {
  return execFileSync('bash', [path.join(ROOT, 'scripts', 'pg-test-cluster.sh'), cmd], {
    env: { ...env, PATRON_PG_STATE: CLUSTER_STATE, PATRON_PG_DB: 'patron_bench', PATRON_PG_PORT: '56432' },
    stdio: ['ignore', 'pipe', 'inherit'],
    encoding: 'utf8',
  }).trim();
}

async function main(): Promise<void> {
  const env = process.env;
  const { names, pg } = parseArgs(process.argv.slice(2));
  const benches = await loadBenches(names);
  fs.mkdirSync(TMP_ROOT, { recursive: true });

  let startedCluster = false;
  const stopCluster = () => {
    if (!startedCluster) return;
    startedCluster = false;
    try {
      cluster('stop', env);
    } catch (e) {
      log(`could not stop the cluster: ${String(e)}`);
    }
  };
  for (const sig of ['SIGINT', 'SIGTERM'] as const) {
    process.once(sig, () => {
      killAllServers();
      stopCluster();
      process.exit(130);
    });
  }

  const targets: Target[] = [{ kind: 'pglite', databaseUrl: null }];
  let pgUrl = env.BENCH_DATABASE_URL || null;
  if (!pgUrl && pg) {
    log('starting a throwaway PostgreSQL cluster');
    pgUrl = cluster('start', env);
    startedCluster = true;
  }
  if (pgUrl) targets.push({ kind: 'postgres', databaseUrl: pgUrl });

  // Other work on the machine moves every figure: say how busy it was.
  const load = () => os.loadavg()[0].toFixed(2);
  const loadAtStart = load();
  const summary: BenchRow[] = [];
  try {
    for (const b of benches) {
      const rows: BenchRow[] = [];
      for (const t of targets) {
        const tmpDir = fs.mkdtempSync(path.join(TMP_ROOT, `${b.name}-${t.kind}-`));
        log(`${b.name} on ${t.kind} (scratch ${path.relative(ROOT, tmpDir)})`);
        let failed = false;
        try {
          rows.push(...(await b.run({ databaseUrl: t.databaseUrl, kind: t.kind, tmpDir, env, log: (m) => log(`${b.name}: ${m}`) })));
        } catch (e) {
          failed = true;
          const msg = e instanceof Error ? e.message : String(e);
          log(`${b.name} on ${t.kind} failed: ${msg}`);
          rows.push({
            name: `${b.name} [${t.kind}]`,
            figure: '-',
            baseline: '-',
            ratio: null,
            target: '-',
            verdict: 'INVALID',
            note: `did not run: ${msg.split('\n')[0].slice(0, 240)} (logs kept in ${path.relative(ROOT, tmpDir)})`,
          });
        }
        if (!failed) fs.rmSync(tmpDir, { recursive: true, force: true });
      }
      process.stdout.write(`\n## ${b.title}\n${renderTable(rows)}\n`);
      summary.push(...rows);
    }
  } finally {
    stopCluster();
  }

  const missed = summary.filter((r) => r.verdict === 'MISS' || r.verdict === 'INVALID').length;
  process.stdout.write(`\n## Summary\n${renderTable(summary)}\n`);
  process.stdout.write(
    `\nmachine: ${os.availableParallelism()} cores, Node ${process.version}, 1-min load average ${loadAtStart} at start, ${load()} at end\n`,
  );
  process.stdout.write(`\n${missed === 0 ? 'all targets met' : `${missed} figure(s) missed their target or did not run`}\n`);
}

main().then(
  // Servers started in this process may keep handles open; the report is complete here.
  () => process.exit(0),
  (e: unknown) => {
    log(e instanceof Error ? (e.stack ?? e.message) : String(e));
    process.exit(2);
  },
);
