// What every module's service receives: built once in app.ts.
import type { Config } from './env';
import type { Db, DbHandle } from './db';
import type { SessionService } from './auth';
import type { EventHub } from './events';
import type { Notifier } from './notifications';
import type { JobRunner } from './jobs';

export type AppContext = {
  config: Config;
  handle: DbHandle;
  db: Db;
  sessions: SessionService;
  hub: EventHub;
  notifier: Notifier;
  jobs: JobRunner;
};
