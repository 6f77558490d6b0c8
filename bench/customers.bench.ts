// Customer search and the customer 360 through the HTTP API, signed in and scoped, at N customers:
// p50/p95/p99 over 1,000 random queries of each kind, one request at a time, against the same
// lookups as bare SQL through the driver (no HTTP, session, scope resolution, masking or audit).
//
//   BENCH_CUSTOMERS         customers (default 1,000,000); BENCH_CUSTOMERS_PGLITE for PGlite only
//
// Two callers: `admin` (head office, bank scope: queries drawn from all customers) and `wrm` (a
// wealth RM, own book: queries drawn from their book, as an RM searches their own customers).
// Search kinds, as typed into the search box (GET /api/customers/search?q=): a customer-number
// prefix (5–8 characters), a two-character name fragment, a mobile's last 4 digits, a resident
// ID's last 6 characters, a card's last 4 digits. 360: GET /api/customers/:id alone, and the 360
// page's own two calls in parallel (the detail, which carries the timeline's first page, and the
// privileges), as the browser makes them.
import { createRng, type Rng } from '../server/seed/random';
import { bareQuery, percentile, seedNote, sizeTag, startLoadedApp, type LoadedApp } from './customer-data';
import { fmtInt, type Bench, type BenchRow } from './report';
import type { DbHandle } from '../server/platform/db';

const QUERIES = 1000;
const WARMUP = 50;
const TARGET_P95: Record<'pglite' | 'postgres', number> = { pglite: 50, postgres: 20 };
const SEARCH_LIMIT = 20;

type Sample = { id: number; customerNo: string; name: string; mobile: string | null; residentId: string | null; card: string | null };
type Caller = { username: string; label: string; staffId: number | null };
type Kind = 'customerNo' | 'name' | 'mobile' | 'residentId' | 'card' | 'detail' | 'page';

const KIND_LABEL: Record<Kind, string> = {
  customerNo: 'search: customer-number prefix',
  name: 'search: name fragment (2 chars)',
  mobile: 'search: mobile tail (4 digits)',
  residentId: 'search: resident-ID tail (6)',
  card: 'search: card tail (4 digits)',
  detail: '360: GET /api/customers/:id',
  page: '360 page: detail (with its timeline) + privileges',
};

const reversed = (s: string) => Array.from(s).reverse().join('');
const MAX_CHAR = String.fromCodePoint(0x10ffff);

/** Random customers in the caller's scope, each with one of their cards if they have any. */
async function sampleCustomers(handle: DbHandle, caller: Caller, count: number, rng: Rng): Promise<Sample[]> {
  let rows: { id: number; customer_no: string; name: string; mobile: string | null; resident_id: string | null }[];
  if (caller.staffId === null) {
    const [range] = await bareQuery<{ lo: number; hi: number }>(handle, 'select min(id)::int as lo, max(id)::int as hi from customers');
    const ids = new Set<number>();
    const span = Number(range.hi) - Number(range.lo) + 1;
    while (ids.size < Math.min(count, span)) ids.add(rng.int(Number(range.lo), Number(range.hi)));
    rows = await bareQuery(handle, 'select id::int, customer_no, name, mobile, resident_id from customers where id = any($1::bigint[])', [[...ids]]);
  } else {
    rows = await bareQuery(
      handle,
      'select id::int, customer_no, name, mobile, resident_id from customers c where c.rm_staff_id = $1 or c.marketing_staff_id = $1 order by c.id',
      [caller.staffId],
    );
    if (rows.length === 0) throw new Error(`${caller.username} has no customers in their book`);
    rows = rng.shuffle(rows).slice(0, count);
  }
  const cards = await bareQuery<{ customer_id: number; card_no: string }>(
    handle,
    'select distinct on (customer_id) customer_id::int, card_no from holdings where customer_id = any($1::bigint[]) and card_no is not null order by customer_id, id',
    [rows.map((r) => r.id)],
  );
  const cardOf = new Map(cards.map((c) => [Number(c.customer_id), c.card_no]));
  return rows.map((r) => ({ id: Number(r.id), customerNo: r.customer_no, name: r.name, mobile: r.mobile, residentId: r.resident_id, card: cardOf.get(Number(r.id)) ?? null }));
}

/** n values drawn from the samples that have what the kind needs (repeats when the book is small). */
function queriesFor(kind: Kind, samples: readonly Sample[], n: number, rng: Rng): string[] {
  const make = (s: Sample): string | null => {
    switch (kind) {
      case 'customerNo':
        return s.customerNo.slice(0, rng.int(5, 8));
      case 'name': {
        const chars = Array.from(s.name);
        if (chars.length <= 2) return s.name;
        const at = rng.int(0, chars.length - 2);
        return chars.slice(at, at + 2).join('');
      }
      case 'mobile':
        return s.mobile ? s.mobile.slice(-4) : null;
      case 'residentId':
        return s.residentId ? s.residentId.slice(-6) : null;
      case 'card':
        return s.card ? s.card.slice(-4) : null;
      default:
        return String(s.id);
    }
  };
  const pool = samples.filter((s) => make(s) !== null);
  if (pool.length === 0) throw new Error(`no customer to draw ${kind} queries from`);
  const out: string[] = [];
  for (let i = 0; out.length < n; i++) out.push(make(pool[i % pool.length])!);
  return out;
}

/** The same lookup as bare SQL: the one indexed predicate of the kind, scoped, limited. */
function bareSearch(handle: DbHandle, kind: Kind, q: string, caller: Caller, bank: boolean): Promise<unknown[]> {
  const own = caller.staffId;
  const scope = own === null ? 'true' : `(c.rm_staff_id = ${own} or c.marketing_staff_id = ${own})`;
  const cols = 'c.id, c.customer_no, c.name, c.mobile, c.tier_code';
  switch (kind) {
    case 'customerNo':
      return bareQuery(handle, `select ${cols} from customers c where c.customer_no >= $1 and c.customer_no < $2 and ${scope} order by c.customer_no limit ${SEARCH_LIMIT}`, [q, q + MAX_CHAR]);
    case 'mobile':
      return bareQuery(handle, `select ${cols} from customers c where reverse(c.mobile) like $1 and ${scope} limit ${SEARCH_LIMIT}`, [`${reversed(q)}%`]);
    case 'residentId':
      return bareQuery(handle, `select ${cols} from customers c where reverse(c.resident_id) like $1 and ${scope} limit ${SEARCH_LIMIT}`, [`${reversed(q)}%`]);
    case 'card':
      return bareQuery(
        handle,
        `select ${cols} from holdings h join customers c on c.id = h.customer_id where h.card_no is not null and reverse(h.card_no) like $1 and ${scope} limit ${SEARCH_LIMIT}`,
        [`${reversed(q)}%`],
      );
    case 'name':
      // The same predicate the app picks: trigram similarity for a short fragment over a wide scope.
      return bank && Array.from(q).length < 3
        ? bareQuery(handle, `select ${cols} from customers c where c.name % $1 and c.name ilike $2 limit ${SEARCH_LIMIT}`, [q, `%${q}%`])
        : bareQuery(handle, `select ${cols} from customers c where c.name ilike $1 and ${scope} limit ${SEARCH_LIMIT}`, [`%${q}%`]);
    default:
      throw new Error(kind);
  }
}

/** What the 360 page shows, as bare SQL: the customer with branch, tier and RMs, then each list. */
async function bare360(handle: DbHandle, id: number, caller: Caller): Promise<void> {
  const own = caller.staffId;
  const scope = own === null ? 'true' : `(c.rm_staff_id = ${own} or c.marketing_staff_id = ${own})`;
  const c = await bareQuery(
    handle,
    `select c.*, b.code as branch_code, b.name as branch_name, t.name_zh, t.rank, rm.name as rm_name, mk.name as mk_name
     from customers c join branches b on b.id = c.branch_id join tiers t on t.code = c.tier_code
     left join staff rm on rm.id = c.rm_staff_id left join staff mk on mk.id = c.marketing_staff_id
     where c.id = $1 and ${scope}`,
    [id],
  );
  if (c.length !== 1) throw new Error(`customer ${id} not found by the bare 360`);
  await bareQuery(handle, 'select * from holdings where customer_id = $1 order by status = \'active\' desc, category, balance desc limit 500', [id]);
  await bareQuery(handle, 'select month, avg_aum, end_aum, contribution from monthly_balances where customer_id = $1 order by month desc limit 12', [id]);
  await bareQuery(handle, 'select * from customer_needs where customer_id = $1 order by met, recorded_at desc limit 200', [id]);
  await bareQuery(handle, 'select * from customer_questions where customer_id = $1 order by created_at desc limit 200', [id]);
  await bareQuery(handle, 'select * from risk_assessments where customer_id = $1 order by assessed_on desc limit 20', [id]);
  await bareQuery(handle, 'select * from customer_events where customer_id = $1 order by at desc, id desc limit 51', [id]);
  await bareQuery(handle, 'select * from privilege_uses where customer_id = $1 order by service_date desc limit 200', [id]);
}

type Timing = { ms: number[]; failures: number; firstFailure: string | null; hits: number };

async function timeAll(values: readonly string[], one: (v: string) => Promise<{ ok: boolean; hit: boolean; why?: string }>): Promise<Timing> {
  const t: Timing = { ms: [], failures: 0, firstFailure: null, hits: 0 };
  for (const v of values) {
    const t0 = performance.now();
    const r = await one(v);
    t.ms.push(performance.now() - t0);
    if (!r.ok) {
      t.failures++;
      t.firstFailure ??= `${v}: ${r.why ?? 'failed'}`;
    } else if (r.hit) t.hits++;
  }
  t.ms.sort((a, b) => a - b);
  return t;
}

const triple = (t: Timing) => `${[50, 95, 99].map((p) => percentile(t.ms, p).toFixed(1)).join(' / ')} ms`;

async function measureCaller(la: LoadedApp, caller: Caller, ctx: Parameters<Bench['run']>[0], tag: string): Promise<BenchRow[]> {
  const { handle } = la.data;
  const cookie = await la.login(caller.username);
  const headers = { cookie };
  const rng = createRng(0x5eed + caller.username.length);
  const samples = await sampleCustomers(handle, caller, QUERIES + WARMUP, rng);
  const bank = caller.staffId === null;
  const rows: BenchRow[] = [];
  const target = TARGET_P95[ctx.kind];

  // A keep-alive socket left idle while the bare-SQL half ran may be closed by the server just as
  // it is reused ("fetch failed"): a client artefact, so the request is sent once more (and the
  // time of both tries counts).
  const get = async (path: string): Promise<{ status: number; body: string }> => {
    for (let attempt = 1; ; attempt++) {
      try {
        const res = await fetch(`${la.url}${path}`, { headers });
        return { status: res.status, body: await res.text() };
      } catch (e) {
        if (attempt >= 2) throw new Error(`GET ${path}: ${String(e)} (${String((e as { cause?: unknown }).cause)})`);
      }
    }
  };
  const app = async (kind: Kind, v: string): Promise<{ ok: boolean; hit: boolean; why?: string }> => {
    if (kind === 'detail') {
      const r = await get(`/api/customers/${v}`);
      return { ok: r.status === 200, hit: r.status === 200, why: `${r.status} ${r.body.slice(0, 120)}` };
    }
    if (kind === 'page') {
      // The timeline's first page comes with the detail; the browser asks for more only on scrolling.
      const all = await Promise.all([get(`/api/customers/${v}`), get(`/api/customers/${v}/privileges`)]);
      const bad = all.find((r) => r.status !== 200);
      return { ok: !bad, hit: !bad, why: bad ? `${bad.status} ${bad.body.slice(0, 120)}` : undefined };
    }
    const r = await get(`/api/customers/search?q=${encodeURIComponent(v)}`);
    if (r.status !== 200) return { ok: false, hit: false, why: `${r.status} ${r.body.slice(0, 120)}` };
    const items = (JSON.parse(r.body) as { items: unknown[] }).items;
    return { ok: true, hit: items.length > 0 };
  };
  const bare = async (kind: Kind, v: string): Promise<{ ok: boolean; hit: boolean }> => {
    if (kind === 'detail' || kind === 'page') {
      await bare360(handle, Number(v), caller);
      return { ok: true, hit: true };
    }
    const r = await bareSearch(handle, kind, v, caller, bank);
    return { ok: true, hit: r.length > 0 };
  };

  for (const kind of ['customerNo', 'name', 'mobile', 'residentId', 'card', 'detail', 'page'] as const) {
    const values = queriesFor(kind, samples, QUERIES + WARMUP, rng);
    const warm = values.slice(0, WARMUP);
    const measured = values.slice(WARMUP);
    for (const v of warm) {
      await app(kind, v);
      await bare(kind, v);
    }
    const a = await timeAll(measured, (v) => app(kind, v));
    const b = await timeAll(measured, (v) => bare(kind, v));
    const p95 = percentile(a.ms, 95);
    const ratio = p95 / percentile(b.ms, 95);
    const distinct = new Set(measured).size;
    ctx.log(`${caller.username} ${kind}: app ${triple(a)}, bare ${triple(b)}`);
    rows.push({
      name: `${KIND_LABEL[kind]} as ${caller.label} ${tag}`,
      figure: triple(a),
      baseline: `${triple(b)} (bare SQL)`,
      ratio,
      target: `p95 <= ${target} ms`,
      verdict: a.failures > 0 ? 'INVALID' : p95 <= target ? 'pass' : 'MISS',
      note:
        a.failures > 0
          ? `${a.failures} of ${measured.length} requests failed, e.g. ${a.firstFailure}`
          : `p50 / p95 / p99 of ${measured.length} requests (${distinct < measured.length ? `${distinct} distinct${bank ? '' : ', the book is small'}; ` : ''}${kind === 'detail' || kind === 'page' ? 'each read audited' : `${Math.round((a.hits / measured.length) * 100)}% found someone`}); ratio = p95 / bare p95`,
    });
  }
  return rows;
}

export const bench: Bench = {
  name: 'customers',
  title: `Customer search and 360 through the API (signed in, scoped): p50 / p95 / p99 over ${fmtInt(QUERIES)} random queries per kind vs bare SQL`,
  async run(ctx) {
    const la = await startLoadedApp(ctx, 'customers');
    const tag = sizeTag(ctx.kind, la.data.customers);
    try {
      const [wrm] = await bareQuery<{ staff_id: number }>(la.data.handle, `select staff_id::int from users where username = 'wrm'`);
      if (!wrm) throw new Error('no demo user wrm');
      const [book] = await bareQuery<{ n: number }>(la.data.handle, 'select count(*)::int as n from customers where rm_staff_id = $1 or marketing_staff_id = $1', [wrm.staff_id]);
      ctx.log(`wrm's book: ${fmtInt(Number(book.n))} customers`);
      const rows = [
        ...(await measureCaller(la, { username: 'admin', label: 'admin (bank)', staffId: null }, ctx, tag)),
        ...(await measureCaller(la, { username: 'wrm', label: `wrm (own book of ${fmtInt(Number(book.n))})`, staffId: Number(wrm.staff_id) }, ctx, tag)),
      ];
      rows[0].note = `${rows[0].note}; data: ${seedNote(la.data)}`;
      return rows;
    } finally {
      await la.close();
    }
  },
};
