// Scheduled jobs: croner fires them on every instance; a lease in job_runs lets exactly one run.
// Jobs must be idempotent (a rerun changes nothing) and resumable (they may die halfway).
import crypto from 'node:crypto';
import os from 'node:os';
import { Cron } from 'croner';
import type { AppContext } from './context';
import { acquireLease, finishRun } from './jobs.repository';

export type Job = {
  name: string;
  /** Cron pattern in Asia/Shanghai time. */
  schedule: string;
  leaseMinutes?: number;
  run(ctx: AppContext, opts: JobRunOptions): Promise<Record<string, unknown>>;
};

/** What the caller of runNow may follow: `patron batch` draws a progress bar from it. */
export type JobRunOptions = { onProgress?: (done: number, total: number, label?: string) => void };

export type JobOutcome = { ran: false; reason: 'busy' } | { ran: true; runId: number; status: 'done' | 'failed'; detail: Record<string, unknown> };

const INSTANCE = `${os.hostname()}:${process.pid}:${crypto.randomBytes(3).toString('hex')}`;

export class JobRunner {
  private jobs = new Map<string, Job>();
  private crons: Cron[] = [];

  constructor(private readonly ctx: AppContext) {}

  register(job: Job): void {
    this.jobs.set(job.name, job);
  }

  list(): Job[] {
    return [...this.jobs.values()];
  }

  async runNow(name: string, opts: JobRunOptions = {}): Promise<JobOutcome> {
    const job = this.jobs.get(name);
    if (!job) throw new Error(`unknown job ${name}`);
    const runId = await acquireLease(this.ctx.db, name, INSTANCE, job.leaseMinutes ?? 60);
    if (runId === null) return { ran: false, reason: 'busy' };
    const started = Date.now();
    try {
      const detail = { ...(await job.run(this.ctx, opts)), milliseconds: Date.now() - started };
      await finishRun(this.ctx.db, runId, 'done', detail);
      return { ran: true, runId, status: 'done', detail };
    } catch (e) {
      const detail = { error: e instanceof Error ? e.message : String(e), milliseconds: Date.now() - started };
      await finishRun(this.ctx.db, runId, 'failed', detail);
      return { ran: true, runId, status: 'failed', detail };
    }
  }

  start(log: (msg: string, detail?: unknown) => void): void {
    for (const job of this.jobs.values()) {
      this.crons.push(
        new Cron(job.schedule, { timezone: 'Asia/Shanghai', protect: true }, async () => {
          const res = await this.runNow(job.name).catch((e: unknown) => ({ ran: true, status: 'failed', detail: { error: String(e) } }));
          log(`job ${job.name}`, res);
        }),
      );
    }
  }

  stop(): void {
    for (const c of this.crons) c.stop();
    this.crons = [];
  }
}
