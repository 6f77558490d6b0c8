// Time to ready: a first start on an empty data folder (migrations and demo data) and a restart.
import fs from 'node:fs';
import path from 'node:path';
import { below, fmtS, type Bench, type BenchContext, type BenchRow } from './report';
import { freePort, scratchDatabase, spawnServer, waitForOk, type ScratchDatabase } from './processes';

const FIRST_TARGET_S = 30;
const RESTART_TARGET_S = 3;

type Timed = { readySeconds: number; stopSeconds: number };

async function startOnce(ctx: BenchContext, dataDir: string, databaseUrl: string | null, label: string): Promise<Timed> {
  const port = await freePort();
  const logFile = path.join(ctx.tmpDir, `startup-${label}.log`);
  const t0 = performance.now();
  const proc = spawnServer(
    ['serve', '--seed-if-empty'],
    ctx.env,
    { PATRON_DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', DATABASE_URL: databaseUrl ?? undefined },
    port,
    logFile,
  );
  try {
    const readySeconds = await waitForOk(`http://127.0.0.1:${port}/readyz`, proc, t0, 300_000);
    ctx.log(`${label}: ready in ${readySeconds.toFixed(2)} s`);
    const stopSeconds = await proc.stop();
    return { readySeconds, stopSeconds };
  } finally {
    await proc.stop(5_000);
  }
}

/** `patron --help`: loading the code alone, the floor under any restart. */
async function codeLoadSeconds(ctx: BenchContext): Promise<number> {
  const t0 = performance.now();
  const proc = spawnServer(['--help'], ctx.env, {}, 0, path.join(ctx.tmpDir, 'startup-help.log'));
  const code = await proc.exited;
  if (code !== 0) throw new Error(`patron --help exited with ${code}:\n${proc.logTail()}`);
  return (performance.now() - t0) / 1000;
}

export const bench: Bench = {
  name: 'startup',
  title: 'Start-up: empty data folder to ready, then a restart',
  async run(ctx) {
    const tag = `[${ctx.kind}]`;
    const dataDir = path.join(ctx.tmpDir, 'startup-data');
    fs.mkdirSync(dataDir, { recursive: true });
    let scratch: ScratchDatabase | null = null;
    try {
      if (ctx.databaseUrl) scratch = await scratchDatabase(ctx.databaseUrl, 'startup');
      const dbUrl = scratch?.url ?? null;
      const first = await startOnce(ctx, dataDir, dbUrl, 'first');
      const second = await startOnce(ctx, dataDir, dbUrl, 'restart');
      const load = await codeLoadSeconds(ctx);
      const rows: BenchRow[] = [
        {
          name: `first start with demo data ${tag}`,
          figure: fmtS(first.readySeconds),
          baseline: fmtS(FIRST_TARGET_S),
          ratio: first.readySeconds / FIRST_TARGET_S,
          target: `< ${FIRST_TARGET_S} s`,
          verdict: below(first.readySeconds, FIRST_TARGET_S),
        },
        {
          name: `restart on the same data ${tag}`,
          figure: fmtS(second.readySeconds),
          baseline: fmtS(RESTART_TARGET_S),
          ratio: second.readySeconds / RESTART_TARGET_S,
          target: `< ${RESTART_TARGET_S} s`,
          verdict: below(second.readySeconds, RESTART_TARGET_S),
        },
        {
          name: `code load alone (patron --help) ${tag}`,
          figure: fmtS(load),
          baseline: '-',
          ratio: null,
          target: '-',
          verdict: 'info',
        },
        {
          name: `graceful stop (SIGTERM to exit) ${tag}`,
          figure: fmtS(Math.max(first.stopSeconds, second.stopSeconds)),
          baseline: '-',
          ratio: null,
          target: '-',
          verdict: 'info',
        },
      ];
      return rows;
    } finally {
      await scratch?.drop().catch((e: unknown) => ctx.log(`could not drop scratch database: ${String(e)}`));
    }
  },
};
