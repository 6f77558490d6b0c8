// Platform overhead: an authenticated GET /api/me (session cookie lookup + access scope) against a
// bare Fastify route served by the same process in the same run, both under the same load.
import Fastify from 'fastify';
import { atLeast, fmtInt, fmtMs, type Bench, type BenchRow } from './report';
import { runLoad, type LoadResult } from './load';
import { startApp } from './support';

const TARGET_RATIO = 0.5;
const CONNECTIONS = 50;
const WARMUP_SECONDS = 2;

function problems(r: LoadResult): string | null {
  const bad = [r.non2xx && `${r.non2xx} non-2xx`, r.errors && `${r.errors} errors`, r.timeouts && `${r.timeouts} timeouts`].filter(Boolean);
  return bad.length > 0 ? bad.join(', ') : null;
}

export const bench: Bench = {
  name: 'platform',
  title: `Platform overhead: GET /api/me vs a bare Fastify route (${CONNECTIONS} connections, loopback)`,
  async run(ctx) {
    const seconds = Number(ctx.env.BENCH_SECONDS) > 0 ? Number(ctx.env.BENCH_SECONDS) : 10;
    const tag = `[${ctx.kind}]`;

    const bare = Fastify({ logger: false });
    bare.get('/bench/bare', async () => ({ ok: true }));
    const bareUrl = `${await bare.listen({ port: 0, host: '127.0.0.1' })}/bench/bare`;

    const app = await startApp({ seeded: true, databaseUrl: ctx.databaseUrl, tmpDir: ctx.tmpDir, env: ctx.env, log: ctx.log });
    try {
      const { cookie, username } = await app.session();
      const meUrl = `${app.url}/api/me`;
      const headers = { cookie };
      const check = await fetch(meUrl, { headers });
      const checkBody = await check.text();
      if (check.status !== 200) throw new Error(`GET /api/me as ${username} answered ${check.status}: ${checkBody.slice(0, 300)}`);
      ctx.log(`signed in as ${username}; GET /api/me → 200`);

      // /healthz goes through every app plugin and hook but needs no session: it splits the overhead
      // into "the app's plugins" and "session lookup, access scope and response schema".
      const healthUrl = `${app.url}/healthz`;

      ctx.log(`warm-up ${WARMUP_SECONDS} s each`);
      await runLoad({ url: bareUrl, connections: CONNECTIONS, durationSeconds: WARMUP_SECONDS });
      await runLoad({ url: healthUrl, connections: CONNECTIONS, durationSeconds: WARMUP_SECONDS });
      await runLoad({ url: meUrl, connections: CONNECTIONS, durationSeconds: WARMUP_SECONDS, headers });

      ctx.log(`bare route ${seconds} s`);
      const base = await runLoad({ url: bareUrl, connections: CONNECTIONS, durationSeconds: seconds });
      ctx.log(`GET /api/me ${seconds} s`);
      const me = await runLoad({ url: meUrl, connections: CONNECTIONS, durationSeconds: seconds, headers });
      ctx.log(`GET /healthz ${seconds} s`);
      const health = await runLoad({ url: healthUrl, connections: CONNECTIONS, durationSeconds: seconds });

      const ratio = me.requestsPerSecond / base.requestsPerSecond;
      const invalid = problems(me) ?? problems(base);
      const rows: BenchRow[] = [
        {
          name: `GET /api/me req/s ${tag}`,
          figure: fmtInt(me.requestsPerSecond),
          baseline: `${fmtInt(base.requestsPerSecond)} (bare)`,
          ratio,
          target: `ratio >= ${TARGET_RATIO.toFixed(2)}`,
          verdict: invalid ? 'INVALID' : atLeast(ratio, TARGET_RATIO),
          note: invalid ? `load run had ${invalid}` : undefined,
        },
        {
          name: `GET /api/me p99 ${tag}`,
          figure: fmtMs(me.p99Ms),
          baseline: `${fmtMs(base.p99Ms)} (bare)`,
          ratio: base.p99Ms > 0 ? me.p99Ms / base.p99Ms : null,
          target: '-',
          verdict: 'info',
        },
        {
          name: `GET /api/me p50 ${tag}`,
          figure: fmtMs(me.p50Ms),
          baseline: `${fmtMs(base.p50Ms)} (bare)`,
          ratio: base.p50Ms > 0 ? me.p50Ms / base.p50Ms : null,
          target: '-',
          verdict: 'info',
        },
        {
          name: `GET /healthz req/s (app hooks, no session) ${tag}`,
          figure: fmtInt(health.requestsPerSecond),
          baseline: `${fmtInt(base.requestsPerSecond)} (bare)`,
          ratio: health.requestsPerSecond / base.requestsPerSecond,
          target: '-',
          verdict: problems(health) ? 'INVALID' : 'info',
          note: problems(health) ? `load run had ${problems(health)}` : undefined,
        },
      ];
      return rows;
    } finally {
      await app.close();
      await bare.close();
    }
  },
};
