// The lobby benchmark's load generator, run as its own Node process (`node --import tsx
// bench/lobby-driver.ts <job.json>`): on 2 cores, 800 client loops and 500 streams sharing the
// server's event loop would measure the client. Prints one JSON result on stdout.
import fs from 'node:fs';
import http from 'node:http';

export type DriverCounter = { id: number; branchId: number; cookie: string; business: string; amount?: string };
export type DriverOutlet = { branchId: number; checkinCookie: string; counters: DriverCounter[] };

export type QueueJob = { kind: 'queue'; url: string; seconds: number; outlets: DriverOutlet[] };
export type BoardJob = {
  kind: 'board';
  url: string;
  seconds: number;
  /** One SSE connection per entry (cookie-authenticated). */
  streams: { branchId: number; cookie: string }[];
  /** Outlets whose counters run cycles, paced to `cyclesPerSecond` in all. */
  outlets: DriverOutlet[];
  cyclesPerSecond: number;
  /** Cycles in flight at most: the pace must stay below what the server can do, or queueing is measured. */
  maxInFlight: number;
};
export type Job = QueueJob | BoardJob;

export type OpStats = { count: number; p50: number; p95: number; p99: number; max: number };
export type QueueResult = {
  kind: 'queue';
  seconds: number;
  cycles: number;
  checkedIn: number[];
  called: { ticketId: number; counterId: number }[];
  emptyCalls: number;
  errors: Record<string, number>;
  ops: Record<'checkIn' | 'callNext' | 'serve' | 'complete', OpStats>;
};
export type BoardResult = {
  kind: 'board';
  streams: number;
  connectMs: number;
  calls: number;
  /** Arrival at a stream minus call-next's response (negative: the event came first). */
  fromResponse: OpStats;
  /** Arrival minus the moment call-next was sent. */
  fromRequest: OpStats;
  deliveries: number;
  missing: number;
  errors: Record<string, number>;
};

const now = () => performance.now();

function stats(values: number[]): OpStats {
  const s = [...values].sort((a, b) => a - b);
  const at = (p: number) => (s.length === 0 ? 0 : s[Math.min(s.length - 1, Math.max(0, Math.ceil(p * s.length) - 1))]!);
  return { count: s.length, p50: at(0.5), p95: at(0.95), p99: at(0.99), max: s.length ? s[s.length - 1]! : 0 };
}

type Ticketish = { id: number };

/** node:http with a keep-alive agent: no connect timeout, so a saturated server queues instead of failing. */
class Client {
  errors: Record<string, number> = {};
  private readonly agent = new http.Agent({ keepAlive: true, maxSockets: Infinity });
  constructor(private readonly url: string) {}

  private post(cookie: string, path: string, body: string): Promise<{ status: number; text: string }> {
    return new Promise((resolve, reject) => {
      const req = http.request(`${this.url}${path}`, {
        method: 'POST',
        agent: this.agent,
        headers: { cookie, origin: this.url, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
      }, (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (d: string) => (text += d));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
        res.on('error', reject);
      });
      req.on('error', reject);
      req.end(body);
    });
  }

  async call<T>(cookie: string, path: string, body: unknown, lat?: number[]): Promise<T | null> {
    const t0 = now();
    try {
      const { status, text } = await this.post(cookie, path, JSON.stringify(body ?? {}));
      lat?.push(now() - t0);
      if (status >= 300) {
        let code = '';
        try {
          code = (JSON.parse(text) as { code?: string }).code ?? '';
        } catch {
          /* not JSON */
        }
        const key = `${path.replace(/\d+/g, ':id')} ${status} ${code}`.trim();
        this.errors[key] = (this.errors[key] ?? 0) + 1;
        return null;
      }
      return JSON.parse(text) as T;
    } catch (e) {
      const key = `${path.replace(/\d+/g, ':id')} ${e instanceof Error ? e.message : String(e)}`;
      this.errors[key] = (this.errors[key] ?? 0) + 1;
      return null;
    }
  }

  close(): void {
    this.agent.destroy();
  }
}

type CycleLog = {
  checkIn: number[]; callNext: number[]; serve: number[]; complete: number[];
  checkedIn: number[]; called: { ticketId: number; counterId: number }[]; emptyCalls: number; cycles: number;
  /** Response time of each call, by ticket (the board benchmark). */
  calledAt: Map<number, { sent: number; answered: number; branchId: number }>;
};

const newLog = (): CycleLog => ({ checkIn: [], callNext: [], serve: [], complete: [], checkedIn: [], called: [], emptyCalls: 0, cycles: 0, calledAt: new Map() });

/** One customer through one counter: check-in, call-next, serve, complete. */
async function cycle(client: Client, outlet: DriverOutlet, c: DriverCounter, log: CycleLog): Promise<void> {
  const body = { branchId: c.branchId, businessCode: c.business, channel: 'kiosk', ...(c.amount ? { amount: c.amount } : {}) };
  const ci = await client.call<{ kind: string; ticket?: Ticketish }>(outlet.checkinCookie, '/api/lobby/check-in', body, log.checkIn);
  if (ci?.ticket) log.checkedIn.push(ci.ticket.id);
  const sent = now();
  const next = await client.call<{ ticket: Ticketish | null }>(c.cookie, `/api/lobby/counters/${c.id}/call-next`, {}, log.callNext);
  const answered = now();
  if (!next) return;
  if (!next.ticket) {
    log.emptyCalls++;
    return;
  }
  const id = next.ticket.id;
  log.called.push({ ticketId: id, counterId: c.id });
  log.calledAt.set(id, { sent, answered, branchId: c.branchId });
  // A failed move is retried: the counter must not be left holding the ticket.
  for (let i = 0; i < 5 && !(await client.call(c.cookie, `/api/lobby/tickets/${id}/serve`, {}, log.serve)); i++) await sleep(20);
  for (let i = 0; i < 5; i++) {
    if (await client.call(c.cookie, `/api/lobby/tickets/${id}/complete`, {}, log.complete)) {
      log.cycles++;
      break;
    }
    await sleep(20);
  }
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

async function runQueue(job: QueueJob): Promise<QueueResult> {
  const client = new Client(job.url);
  const log = newLog();
  const t0 = now();
  const deadline = t0 + job.seconds * 1000;
  // Every counter of every outlet loops without pause: the compressed peak. A loop started before the
  // deadline finishes its whole cycle, so no ticket is left at a counter; the figure's time includes
  // that drain (on a saturated server one cycle can take longer than the window itself).
  await Promise.all(
    job.outlets.flatMap((o) =>
      o.counters.map(async (c) => {
        while (now() < deadline) await cycle(client, o, c, log);
      }),
    ),
  );
  const seconds = (now() - t0) / 1000;
  client.close();
  return {
    kind: 'queue', seconds, cycles: log.cycles, checkedIn: log.checkedIn, called: log.called, emptyCalls: log.emptyCalls, errors: client.errors,
    ops: { checkIn: stats(log.checkIn), callNext: stats(log.callNext), serve: stats(log.serve), complete: stats(log.complete) },
  };
}

type Arrival = { stream: number; at: number };

/** An SSE client on node:http: collects when each ticket.called arrives. */
function openStream(url: string, branchId: number, cookie: string, index: number, agent: http.Agent, onCall: (ticketId: number, a: Arrival) => void, errors: Record<string, number>): Promise<http.ClientRequest> {
  return new Promise((resolve, reject) => {
    const req = http.get(`${url}/api/lobby/outlets/${branchId}/events`, { headers: { cookie, accept: 'text/event-stream' }, agent }, (res) => {
      if (res.statusCode !== 200) {
        reject(new Error(`events for ${branchId} answered ${res.statusCode}`));
        res.resume();
        return;
      }
      res.setEncoding('utf8');
      let buf = '';
      let opened = false;
      res.on('data', (chunk: string) => {
        const at = now();
        buf += chunk;
        let cut: number;
        while ((cut = buf.indexOf('\n\n')) >= 0) {
          const block = buf.slice(0, cut);
          buf = buf.slice(cut + 2);
          if (!opened) {
            opened = true;
            resolve(req);
          }
          let event = '';
          let data = '';
          for (const line of block.split('\n')) {
            if (line.startsWith('event: ')) event = line.slice(7);
            else if (line.startsWith('data: ')) data += line.slice(6);
          }
          if (event === 'ticket.called') {
            const id = (JSON.parse(data) as { call?: { ticketId?: number } }).call?.ticketId;
            if (typeof id === 'number') onCall(id, { stream: index, at });
          }
        }
      });
      res.on('error', () => (errors['stream error'] = (errors['stream error'] ?? 0) + 1));
    });
    req.on('error', reject);
  });
}

async function runBoard(job: BoardJob): Promise<BoardResult> {
  const client = new Client(job.url);
  const agent = new http.Agent({ keepAlive: false, maxSockets: Infinity });
  const arrivals = new Map<number, Arrival[]>();
  const t0 = now();
  const reqs: http.ClientRequest[] = [];
  // Opened in groups so the server's accept queue is not the thing measured.
  for (let i = 0; i < job.streams.length; i += 50) {
    reqs.push(
      ...(await Promise.all(
        job.streams.slice(i, i + 50).map((s, k) =>
          openStream(job.url, s.branchId, s.cookie, i + k, agent, (id, a) => {
            const list = arrivals.get(id) ?? [];
            list.push(a);
            arrivals.set(id, list);
          }, client.errors),
        ),
      )),
    );
  }
  const connectMs = now() - t0;
  await sleep(500);

  const log = newLog();
  const counters = job.outlets.flatMap((o) => o.counters.map((c) => ({ o, c, busy: false })));
  const deadline = now() + job.seconds * 1000;
  const interval = 1000 / job.cyclesPerSecond;
  const inFlight: Promise<void>[] = [];
  let busy = 0;
  let k = 0;
  let tick = now();
  while (now() < deadline) {
    for (let j = 0; j < counters.length && busy < job.maxInFlight; j++) {
      const slot = counters[(k + j) % counters.length]!;
      if (slot.busy) continue;
      slot.busy = true;
      busy++;
      inFlight.push(
        cycle(client, slot.o, slot.c, log).finally(() => {
          slot.busy = false;
          busy--;
        }),
      );
      k = (k + j + 1) % counters.length;
      break;
    }
    tick += interval;
    await sleep(Math.max(0, tick - now()));
  }
  await Promise.all(inFlight);
  await sleep(2000);
  for (const r of reqs) r.destroy();
  agent.destroy();
  client.close();

  const perOutlet = new Map<number, number>();
  for (const s of job.streams) perOutlet.set(s.branchId, (perOutlet.get(s.branchId) ?? 0) + 1);
  const fromResponse: number[] = [];
  const fromRequest: number[] = [];
  let missing = 0;
  for (const [id, call] of log.calledAt) {
    const got = arrivals.get(id) ?? [];
    missing += Math.max(0, (perOutlet.get(call.branchId) ?? 0) - new Set(got.map((a) => a.stream)).size);
    for (const a of got) {
      fromResponse.push(a.at - call.answered);
      fromRequest.push(a.at - call.sent);
    }
  }
  return {
    kind: 'board', streams: reqs.length, connectMs, calls: log.calledAt.size,
    fromResponse: stats(fromResponse),
    fromRequest: stats(fromRequest), deliveries: fromResponse.length, missing, errors: client.errors,
  };
}

async function main(): Promise<void> {
  const job = JSON.parse(fs.readFileSync(process.argv[2]!, 'utf8')) as Job;
  const result = job.kind === 'queue' ? await runQueue(job) : await runBoard(job);
  process.stdout.write(JSON.stringify(result));
}

if (process.argv[1]?.endsWith('lobby-driver.ts')) {
  main().then(
    () => process.exit(0),
    (e: unknown) => {
      process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
      process.exit(1);
    },
  );
}
