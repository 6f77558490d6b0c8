import { sql, type Db } from './db';

export type JobRun = { id: number; job: string; startedAt: string; finishedAt: string | null; status: string; detail: Record<string, unknown>; instance: string | null };

/**
 * Takes the lease of a job: a row in 'running' state, unique per job. An expired lease (an instance
 * died mid-run) is marked failed first, so the job can be taken again. Null when another holds it.
 */
export async function acquireLease(db: Db, job: string, instance: string, leaseMinutes: number): Promise<number | null> {
  return db.transaction().execute(async (trx) => {
    await sql`update job_runs set status = 'failed', finished_at = now(), detail = detail || '{"error":"lease expired"}'::jsonb
              where job = ${job} and status = 'running' and lease_until < now()`.execute(trx);
    const r = await sql<{ id: number }>`
      insert into job_runs (job, instance, lease_until) values (${job}, ${instance}, now() + make_interval(mins => ${leaseMinutes}))
      on conflict (job) where status = 'running' do nothing
      returning id`.execute(trx);
    return r.rows[0]?.id ?? null;
  });
}

/** Ends a run. The detail is merged into what the run saved while working (a checkpoint survives a failure). */
export async function finishRun(db: Db, id: number, status: 'done' | 'failed', detail: Record<string, unknown>): Promise<void> {
  await db.updateTable('job_runs').set({ status, finished_at: sql<Date>`now()`, detail: sql`detail || ${JSON.stringify(detail)}::jsonb` }).where('id', '=', id).execute();
}

export async function recentRuns(db: Db, job: string | null, limit: number): Promise<JobRun[]> {
  return listRuns(db, job, limit, null);
}

/** One run of a job, or null. */
export async function findRun(db: Db, job: string, id: number): Promise<JobRun | null> {
  return (await listRuns(db, job, 1, id))[0] ?? null;
}

async function listRuns(db: Db, job: string | null, limit: number, id: number | null): Promise<JobRun[]> {
  let q = db.selectFrom('job_runs').select(['id', 'job', 'started_at', 'finished_at', 'status', 'detail', 'instance']).orderBy('id', 'desc').limit(limit);
  if (job) q = q.where('job', '=', job);
  if (id !== null) q = q.where('id', '=', id);
  const rows = await q.execute();
  return rows.map((r) => ({
    id: r.id, job: r.job, startedAt: r.started_at.toISOString(), finishedAt: r.finished_at ? r.finished_at.toISOString() : null,
    status: r.status, detail: r.detail, instance: r.instance,
  }));
}
