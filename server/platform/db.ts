// One database handle for the whole app: embedded PGlite (a data folder) or a PostgreSQL pool.
import fs from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import {
  CompiledQuery,
  Kysely,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  PostgresDialect,
  sql,
  type DatabaseConnection,
  type Dialect,
  type Driver,
  type QueryResult,
  type Transaction,
} from 'kysely';
import pg from 'pg';
import type { Database } from './db-types';
import { dbPoolSize } from './env';

export type Db = Kysely<Database>;
export type Trx = Transaction<Database>;
export type DbOrTrx = Db | Trx;
export { sql };

type Listener = (payload: string) => void;

export type DbHandle = {
  db: Db;
  kind: 'pglite' | 'postgres';
  /** The embedded instance, for dumps and COPY blobs. */
  pglite: PGlite | null;
  pool: pg.Pool | null;
  listen(channel: string, fn: Listener): Promise<() => Promise<void>>;
  close(): Promise<void>;
};

// int8 ids fit in a double; dates stay 'YYYY-MM-DD' strings; numeric (money) stays a string.
const INT8 = 20;
const DATE = 1082;
const parseInt8 = (v: string) => Number(v);
const parseDate = (v: string) => v;

/** A single-connection driver with a queue, so a transaction owns PGlite until it ends. */
class PGliteDriver implements Driver {
  private queue: Promise<void> = Promise.resolve();
  constructor(private readonly client: PGlite) {}
  async init(): Promise<void> {}
  async acquireConnection(): Promise<DatabaseConnection> {
    let release!: () => void;
    const next = new Promise<void>((r) => (release = r));
    const previous = this.queue;
    this.queue = previous.then(() => next);
    await previous;
    return new PGliteConnection(this.client, release);
  }
  async beginTransaction(c: DatabaseConnection): Promise<void> {
    await c.executeQuery(CompiledQuery.raw('begin'));
  }
  async commitTransaction(c: DatabaseConnection): Promise<void> {
    await c.executeQuery(CompiledQuery.raw('commit'));
  }
  async rollbackTransaction(c: DatabaseConnection): Promise<void> {
    await c.executeQuery(CompiledQuery.raw('rollback'));
  }
  async releaseConnection(c: DatabaseConnection): Promise<void> {
    (c as PGliteConnection).release();
  }
  async destroy(): Promise<void> {}
}

class PGliteConnection implements DatabaseConnection {
  constructor(
    private readonly client: PGlite,
    readonly release: () => void,
  ) {}
  async executeQuery<R>(q: CompiledQuery): Promise<QueryResult<R>> {
    const res = await this.client.query<R>(q.sql, [...q.parameters]);
    return {
      rows: res.rows,
      numAffectedRows: res.affectedRows !== undefined ? BigInt(res.affectedRows) : undefined,
    };
  }
  // eslint-disable-next-line require-yield
  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error('Streaming is not available on the embedded database');
  }
}

function pgliteDialect(client: PGlite): Dialect {
  return {
    createAdapter: () => new PostgresAdapter(),
    createDriver: () => new PGliteDriver(client),
    createIntrospector: (db) => new PostgresIntrospector(db),
    createQueryCompiler: () => new PostgresQueryCompiler(),
  };
}

export type OpenOptions = {
  databaseUrl: string | null;
  dataDir: string | null;
  /** A dumpDataDir tarball to start from (tests: a migrated template). */
  loadDataDir?: Blob;
  poolSize?: number;
};

export async function openDatabase(opts: OpenOptions): Promise<DbHandle> {
  if (opts.databaseUrl) return openPostgres(opts.databaseUrl, opts.poolSize ?? dbPoolSize());
  if (opts.dataDir) fs.mkdirSync(opts.dataDir, { recursive: true });
  const client = await PGlite.create({
    dataDir: opts.dataDir ?? undefined,
    loadDataDir: opts.loadDataDir,
    extensions: { pg_trgm },
    parsers: { [INT8]: parseInt8, [DATE]: parseDate },
  });
  await client.exec(`set time zone 'Asia/Shanghai'`);
  const db = new Kysely<Database>({ dialect: pgliteDialect(client) });
  return {
    db,
    kind: 'pglite',
    pglite: client,
    pool: null,
    async listen(channel, fn) {
      const unsub = await client.listen(channel, fn);
      return async () => unsub();
    },
    async close() {
      await db.destroy();
      if (!client.closed) await client.close();
    },
  };
}

function openPostgres(url: string, max: number): DbHandle {
  const types = {
    getTypeParser: (oid: number, format?: string) => {
      if (oid === INT8) return parseInt8;
      if (oid === DATE) return parseDate;
      return pg.types.getTypeParser(oid, format as 'text');
    },
  };
  const pool = new pg.Pool({ connectionString: url, max, types, options: '-c TimeZone=Asia/Shanghai' });
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  let listener: pg.Client | null = null;
  const handlers = new Map<string, Set<Listener>>();
  let connecting: Promise<pg.Client> | null = null;

  // One dedicated connection carries every LISTEN; it reconnects and re-listens if dropped.
  const connectListener = async (): Promise<pg.Client> => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    client.on('notification', (m) => handlers.get(m.channel)?.forEach((h) => h(m.payload ?? '')));
    client.on('error', () => {
      listener = null;
      connecting = null;
      setTimeout(() => {
        if (handlers.size > 0) void ensureListener().catch(() => undefined);
      }, 1000);
    });
    for (const ch of handlers.keys()) await client.query(`listen "${ch}"`);
    listener = client;
    return client;
  };
  const ensureListener = () => {
    if (listener) return Promise.resolve(listener);
    connecting ??= connectListener();
    return connecting;
  };

  return {
    db,
    kind: 'postgres',
    pglite: null,
    pool,
    async listen(channel, fn) {
      if (!/^[a-z_][a-z0-9_]*$/.test(channel)) throw new Error(`bad channel ${channel}`);
      const set = handlers.get(channel) ?? new Set();
      const isNew = set.size === 0;
      set.add(fn);
      handlers.set(channel, set);
      const client = await ensureListener();
      if (isNew) await client.query(`listen "${channel}"`);
      return async () => {
        set.delete(fn);
      };
    },
    async close() {
      handlers.clear();
      const l = listener;
      listener = null;
      if (l) await l.end().catch(() => undefined);
      await db.destroy();
    },
  };
}

/** Deliver a notification at commit (inside a transaction) or at once. */
export async function notify(db: DbOrTrx, channel: string, payload: unknown): Promise<void> {
  await sql`select pg_notify(${channel}, ${JSON.stringify(payload)})`.execute(db);
}

/** Several notifications on one channel in one statement (each its own message, delivered at commit). */
export async function notifyMany(db: DbOrTrx, channel: string, payloads: unknown[]): Promise<void> {
  if (payloads.length === 0) return;
  await sql`select pg_notify(${channel}, p) from unnest(${payloads.map((x) => JSON.stringify(x))}::text[]) as p`.execute(db);
}

export async function ping(db: Db): Promise<boolean> {
  try {
    await sql`select 1`.execute(db);
    return true;
  } catch {
    return false;
  }
}

/**
 * The SQL form of a data scope over rows that carry a branch id (and optionally an owning staff id).
 * Sub-tree scope is a prefix match on the branch path, served by branches_path_idx.
 */
export function scopeSql(
  scope: import('./access').DataScope,
  cols: { branch: string; owner?: string },
) {
  const branchRef = sql.ref(cols.branch);
  switch (scope.kind) {
    case 'bank':
      return sql<boolean>`true`;
    case 'subtree':
      return sql<boolean>`${branchRef} in (select b.id from branches b where b.path like ${scope.path + '%'})`;
    case 'branch':
      return sql<boolean>`${branchRef} = ${scope.branchId}`;
    case 'own':
      return cols.owner ? sql<boolean>`${sql.ref(cols.owner)} = ${scope.staffId}` : sql<boolean>`false`;
  }
}

/** Tests on a server: a fresh database cloned from a migrated, seeded template. */
export async function cloneDatabase(serverUrl: string, template: string, name: string): Promise<string> {
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(`drop database if exists "${name}"`);
    await admin.query(`create database "${name}" template "${template}"`);
  } finally {
    await admin.end();
  }
  const u = new URL(serverUrl);
  u.pathname = `/${name}`;
  return u.toString();
}

export async function dropDatabase(serverUrl: string, name: string): Promise<void> {
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(`drop database if exists "${name}" with (force)`);
  } finally {
    await admin.end();
  }
}
