// Satisfaction surveys: (1) intake through the public endpoint with 200 concurrent respondents
// (open the link, submit; a tenth retry their submission), answers/s beside the bare SQL claim and
// insert at the same concurrency, with duplicates and lost answers counted by SQL afterwards;
// (2) the satisfaction report over 1,000,000 answers (generated set-based) through HTTP beside the
// bare SQL aggregate of the same figures in the same run; target ratio ≤ 1.5.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../server/app';
import { loadConfig } from '../server/platform/env';
import { openDatabase } from '../server/platform/db';
import { migrateToLatest } from '../server/platform/migrations';
import { DEMO_PASSWORD, seedDemo, seedReferenceData } from '../server/seed';
import { driverQuery, inBatches, type Query } from './lobby-setup';
import { scratchDatabase } from './processes';
import { below, fmtInt, fmtMs, type Bench, type BenchContext, type BenchRow } from './report';

const RESPONDENTS = 200;
const INVITATIONS = 2_000;
const RATIO_TARGET = 1.5;

type Setup = { url: string; q: Query; cookie: string; programmeId: number; questionnaireId: number; close(): Promise<void> };

async function start(ctx: BenchContext): Promise<Setup> {
  const dataDir = path.join(ctx.tmpDir, 'app-data');
  fs.mkdirSync(dataDir, { recursive: true });
  const scratch = ctx.databaseUrl ? await scratchDatabase(ctx.databaseUrl, 'surveys') : null;
  const config = loadConfig({ dataDir, databaseUrl: scratch?.url ?? null, runJobs: false, logLevel: 'warn', webDist: path.join(ctx.tmpDir, 'no-web') }, ctx.env);
  const handle = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  await migrateToLatest(handle.db);
  await seedReferenceData(handle.db);
  const t0 = performance.now();
  await seedDemo(handle.db, { seed: config.seed, branches: 10, outletsPerBranch: 10, customers: 5_000 });
  ctx.log(`demo bank seeded in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  const app: FastifyInstance = await buildApp(config, { handle, skipMigrate: true, logger: false });
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  const res = await fetch(`${url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json', origin: url }, body: JSON.stringify({ username: 'admin', password: DEMO_PASSWORD }) });
  const cookie = res.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  const q = driverQuery(handle);
  const [p] = await q<{ id: number; questionnaire_id: number }>(`select id::int, questionnaire_id::int from survey_programmes where code = 'branch_yearly'`);
  return {
    url, q, cookie, programmeId: p!.id, questionnaireId: p!.questionnaire_id,
    async close() {
      await app.close();
      await handle.close();
      await scratch?.drop();
    },
  };
}

/** Invitations with links whose tokens only this run knows (the database keeps their hashes). */
async function makeLinks(s: Setup, wave: string, n: number): Promise<{ ids: number[]; tokens: string[] }> {
  const tokens = Array.from({ length: n }, () => crypto.randomBytes(32).toString('base64url'));
  const hashes = tokens.map((t) => crypto.createHash('sha256').update(t).digest('hex'));
  const rows = await s.q<{ id: number; token_hash: string }>(
    `insert into survey_invitations (programme_id, wave, questionnaire_id, version, customer_id, branch_id, rm_staff_id, tier_code, channel, token_hash, status, sent_at, expires_at)
     select $1, $2, $3, 1, c.id, c.branch_id, c.rm_staff_id, c.tier_code, 'sms', h.hash, 'sent', now(), now() + interval '1 day'
     from (select id, branch_id, rm_staff_id, tier_code, row_number() over (order by id) as k from customers) c
     join unnest($4::text[]) with ordinality as h(hash, k) on h.k = c.k
     returning id::int, token_hash`,
    [s.programmeId, wave, s.questionnaireId, hashes],
  );
  const byHash = new Map(rows.map((r) => [r.token_hash, r.id]));
  return { ids: hashes.map((h) => byHash.get(h)!), tokens };
}

const ANSWERS = (i: number) => ({
  answers: [
    { question: 'env_comfort', value: 1 + (i % 5) }, { question: 'eff_wait', value: 1 + ((i * 3) % 5) }, { question: 'eff_process', value: 4 },
    { question: 'att_courtesy', value: 5 }, { question: 'pro_advice', value: 4 }, { question: 'prod_fit', value: 3 }, { question: 'overall', value: 1 + ((i * 7) % 5) },
    { question: 'recommend', value: i % 11 }, { question: 'suggestion', value: i % 4 === 0 ? '希望缩短等候时间' : '' },
  ],
  locale: 'zh-CN',
});

async function intake(ctx: BenchContext, s: Setup): Promise<BenchRow[]> {
  const { ids, tokens } = await makeLinks(s, 'bench-http', INVITATIONS);
  let failures = 0;
  const receipts = new Map<number, string>();
  let retriedMismatch = 0;
  const t0 = performance.now();
  await inBatches(tokens, RESPONDENTS, async (token, i) => {
    const page = await fetch(`${s.url}/api/public/surveys/${token}`);
    await page.arrayBuffer();
    const post = () => fetch(`${s.url}/api/public/surveys/${token}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(ANSWERS(i)) });
    const res = await post();
    if (res.status !== 200) return void failures++;
    receipts.set(i, ((await res.json()) as { receipt: string }).receipt);
    if (i % 10 === 0) {
      const again = await post();
      if (again.status !== 200 || ((await again.json()) as { receipt: string }).receipt !== receipts.get(i)) retriedMismatch++;
    }
  });
  const httpSeconds = (performance.now() - t0) / 1000;
  const [check] = await s.q<{ responses: number; invitations: number; dup: number; answered: number }>(
    `select (select count(*)::int from survey_responses where invitation_id = any($1::bigint[])) as responses,
            (select count(distinct invitation_id)::int from survey_responses where invitation_id = any($1::bigint[])) as invitations,
            (select count(*)::int from (select invitation_id from survey_responses where invitation_id = any($1::bigint[]) group by 1 having count(*) > 1) d) as dup,
            (select count(*)::int from survey_invitations where id = any($1::bigint[]) and status = 'answered') as answered`,
    [ids],
  );
  const lost = INVITATIONS - check!.invitations;
  const duplicates = check!.responses - check!.invitations + check!.dup;

  // The bare baseline: the claim and the insert as one SQL statement per answer, same concurrency.
  const bare = await makeLinks(s, 'bench-sql', INVITATIONS);
  const t1 = performance.now();
  await inBatches(bare.ids, RESPONDENTS, (id, i) => s.q(
    `with c as (update survey_invitations set status = 'answered', answered_at = now(), submission_hash = $2, receipt = 'R'
                where id = $1 and status = 'sent' and expires_at > now() returning *)
     insert into survey_responses (answered_on, invitation_id, programme_id, questionnaire_id, version, customer_id, branch_id, rm_staff_id, tier_code, channel, overall, nps, scores, answers)
     select current_date, c.id, c.programme_id, c.questionnaire_id, c.version, c.customer_id, c.branch_id, c.rm_staff_id, c.tier_code, 'link', $3, $4, $5::jsonb, $6::jsonb from c`,
    [id, String(i), 1 + ((i * 7) % 5), i % 11, JSON.stringify({ efficiency: 3, attitude: 5 }), JSON.stringify(ANSWERS(i).answers)],
  ));
  const sqlSeconds = (performance.now() - t1) / 1000;
  const httpRate = INVITATIONS / httpSeconds;
  const sqlRate = INVITATIONS / sqlSeconds;
  const ok = failures === 0 && lost === 0 && duplicates === 0 && retriedMismatch === 0;
  return [
    {
      name: `survey intake, ${RESPONDENTS} concurrent respondents, answers/s [${ctx.kind}]`, figure: fmtInt(httpRate), baseline: `${fmtInt(sqlRate)} bare SQL`, ratio: sqlRate / httpRate,
      target: 'info', verdict: 'info',
    },
    {
      name: `survey intake integrity [${ctx.kind}]`, figure: `${duplicates} dup / ${lost} lost`, baseline: `${fmtInt(INVITATIONS)} links, ${fmtInt(check!.answered)} answered`, ratio: null,
      target: '0 dup / 0 lost', verdict: ok ? 'pass' : 'MISS',
      note: ok ? undefined : `failures ${failures}, retries answered differently ${retriedMismatch}`,
    },
  ];
}

/** Answers spread over 12 months, every outlet, RM and tier, with five indicator scores each. */
async function generateAnswers(s: Setup, n: number): Promise<void> {
  await s.q(
    `insert into survey_responses (answered_on, programme_id, questionnaire_id, version, customer_id, branch_id, rm_staff_id, tier_code, channel, overall, nps, scores, answers, comment)
     select date '2025-01-01' + (g % 365), $1, $2, 1, c.id, c.branch_id, c.rm_staff_id, c.tier_code, 'link',
            greatest(1, least(5, round((x.e + x.f + x.a) / 3.0 + (random() - 0.5))))::int, (random() * 10)::int,
            jsonb_build_object('environment', x.v, 'efficiency', x.e, 'attitude', x.a, 'professionalism', x.f, 'products', x.p), '{}'::jsonb,
            case when g % 50 = 0 then '等候时间太长' else '' end
     from generate_series(1, $3::int) g
     join lateral (select id, branch_id, rm_staff_id, tier_code from customers where id = 1 + (g % (select max(id) from customers))) c on true
     cross join lateral (select 1 + (random() * 4)::int as v, 1 + (random() * 4)::int as e, 1 + (random() * 4)::int as a, 1 + (random() * 4)::int as f, 1 + (random() * 4)::int as p, g as gg) x`,
    [s.programmeId, s.questionnaireId, n],
  );
  await s.q('analyze survey_responses');
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function report(ctx: BenchContext, s: Setup, n: number): Promise<BenchRow[]> {
  const t0 = performance.now();
  await generateAnswers(s, n);
  ctx.log(`${fmtInt(n)} answers generated in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  const from = '2025-01-01';
  const to = '2025-12-31';
  const http: number[] = [];
  const bare: number[] = [];
  for (let i = 0; i < 3; i++) {
    const a = performance.now();
    const res = await fetch(`${s.url}/api/surveys/report?from=${from}&to=${to}`, { headers: { cookie: s.cookie } });
    const body = (await res.json()) as { overall?: { n: number } };
    if (res.status !== 200 || (body.overall?.n ?? 0) < n) throw new Error(`report answered ${res.status} with n=${body.overall?.n}`);
    http.push(performance.now() - a);
    const b = performance.now();
    // The same figures in bare SQL: every breakdown's sums in one pass, the indicators' sums and correlations.
    await Promise.all([
      s.q(`select grouping(branch_id), grouping(rm_staff_id), grouping(business_line), grouping(tier_code), branch_id, rm_staff_id, business_line, tier_code, to_char(answered_on, 'YYYY-MM'),
                  count(overall), sum(overall), sum(overall * overall), count(*) filter (where overall >= 4), count(nps), count(*) filter (where nps >= 9),
                  count(*) filter (where nps between 7 and 8), count(*) filter (where nps <= 6)
           from survey_responses where answered_on between $1::date and $2::date
           group by grouping sets ((), (branch_id), (rm_staff_id), (business_line), (tier_code), (to_char(answered_on, 'YYYY-MM')))`, [from, to]),
      s.q(`select e.key, count(*), sum(e.value::float8), sum(e.value::float8 * e.value::float8), corr(e.value::float8, r.overall)
           from survey_responses r cross join lateral jsonb_each_text(r.scores) e(key, value)
           where r.answered_on between $1::date and $2::date group by e.key`, [from, to]),
    ]);
    bare.push(performance.now() - b);
  }
  const h = median(http);
  const b = median(bare);
  return [{
    name: `satisfaction report over ${fmtInt(n)} answers, HTTP vs bare SQL [${ctx.kind}]`, figure: fmtMs(h), baseline: `${fmtMs(b)} bare SQL`, ratio: h / b,
    target: `ratio ≤ ${RATIO_TARGET}`, verdict: below(h / b, RATIO_TARGET + 1e-9),
  }];
}

export const bench: Bench = {
  name: 'surveys',
  title: 'Satisfaction surveys: public intake under 200 concurrent respondents; the report over 1,000,000 answers',
  async run(ctx) {
    const n = Number(ctx.env.BENCH_SURVEY_ANSWERS ?? 1_000_000);
    const s = await start(ctx);
    try {
      return [...(await intake(ctx, s)), ...(await report(ctx, s, n))];
    } finally {
      await s.close();
    }
  },
};
