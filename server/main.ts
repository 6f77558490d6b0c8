// The `patron` command line: serve, migrate, seed, import, user, audit, backup, restore.
import fs from 'node:fs';
import { Command } from 'commander';
import { loadConfig, type Config } from './platform/env';
import { openDatabase, type DbHandle } from './platform/db';
import { migrateToLatest } from './platform/migrations';
import { progressBar } from './platform/progress';
import { systemActor } from './platform/audit';
import { AppError } from './platform/errors';
import { seedReferenceData } from './seed/reference-data';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, isDatabaseEmpty, seedDemo } from './seed';
import { createUser } from './modules/org/org-auth.service';

async function withDb<T>(config: Config, fn: (h: DbHandle) => Promise<T>): Promise<T> {
  const h = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    await migrateToLatest(h.db);
    await seedReferenceData(h.db);
    return await fn(h);
  } finally {
    await h.close();
  }
}

async function seed(h: DbHandle, config: Config, opts: { seed?: number; branches?: number; staff?: number; customers?: number }) {
  const bar = progressBar('Seeding demo bank');
  const started = Date.now();
  const summary = await seedDemo(h.db, { seed: opts.seed ?? config.seed, branches: opts.branches, staff: opts.staff, customers: opts.customers, onProgress: (d, t, l) => bar.update(d, t, l) });
  bar.stop();
  console.log(`Demo bank seeded in ${((Date.now() - started) / 1000).toFixed(1)} s: ${JSON.stringify(summary.counts)}`);
}

function printAccounts(url: string | null) {
  if (url) console.log(`\nPatron is running at ${url}`);
  console.log(`Demo accounts (password ${DEMO_PASSWORD}):`);
  for (const a of DEMO_ACCOUNTS) console.log(`  ${a.username.padEnd(10)} ${a.role.padEnd(20)} ${a.label}`);
}

const program = new Command('patron').description('Patron: the VIP customer service system of a retail bank');

program
  .command('serve')
  .description('start the web server (creates and migrates the database on first start)')
  .option('--seed-if-empty', 'load the demo bank when the database is empty')
  .option('--train-if-seeded', 'after loading the demo bank, train the insights models in the background')
  .option('-p, --port <port>', 'port', (v) => Number(v))
  .action(async (o: { seedIfEmpty?: boolean; trainIfSeeded?: boolean; port?: number }) => {
    const config = loadConfig(o.port !== undefined ? { port: o.port } : {});
    // The embedded database's WebAssembly compiles while the app's modules load.
    const opening = openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
    const { buildApp } = await import('./app');
    const handle = await opening;
    await migrateToLatest(handle.db);
    await seedReferenceData(handle.db);
    let seeded = false;
    if (o.seedIfEmpty && (await isDatabaseEmpty(handle.db))) {
      await seed(handle, config, {});
      seeded = true;
    }
    const app = await buildApp(config, { handle, skipMigrate: true });
    let closing = false;
    const shutdown = async (signal: string) => {
      if (closing) return;
      closing = true;
      app.log.info({ signal }, 'shutting down: finishing in-flight requests');
      const force = setTimeout(() => process.exit(1), 15_000);
      force.unref();
      await app.close();
      await handle.close();
      process.exit(0);
    };
    process.on('SIGTERM', () => void shutdown('SIGTERM'));
    process.on('SIGINT', () => void shutdown('SIGINT'));
    const address = await app.listen({ port: config.port, host: config.host });
    console.log(`Database: ${config.databaseUrl ? 'PostgreSQL server' : `embedded (PGlite) in ${config.dataDir}`}`);
    if (seeded || !config.databaseUrl) printAccounts(address);
    else console.log(`Patron is running at ${address}`);
    if (seeded && o.trainIfSeeded) {
      const { trainDemoModels } = await import('./modules/insights/insights.service');
      const run = await trainDemoModels(app.ctx);
      console.log(`Training the insights models on the demo bank in the background (run ${run.id}); RMs see scores when it is done.`);
    }
  });

program.command('migrate').description('apply pending database migrations').action(async () => {
  await withDb(loadConfig(), async () => console.log('Database is up to date.'));
});

program
  .command('seed')
  .description('load the deterministic demo bank')
  .option('--seed <n>', 'seed number', (v) => Number(v))
  .option('--branches <n>', 'number of 分行 branches', (v) => Number(v))
  .option('--staff <n>', 'approximate number of staff', (v) => Number(v))
  .option('--customers <n>', 'number of customers (default 20000)', (v) => Number(v))
  .action(async (o: { seed?: number; branches?: number; staff?: number; customers?: number }) => {
    const config = loadConfig();
    await withDb(config, async (h) => {
      // Demo data never mixes with a bank's real data.
      if (!(await isDatabaseEmpty(h.db))) {
        console.error('The database already has branches: demo data only goes into an empty database (use a new PATRON_DATA_DIR).');
        process.exitCode = 1;
        return;
      }
      await seed(h, config, o);
      printAccounts(null);
    });
  });

program
  .command('import')
  .description('import staff, branches, customers, holdings or balances from an xlsx or csv file')
  .argument('<kind>', 'staff | branches | customers | holdings | balances')
  .argument('<file>', 'the .xlsx or .csv file')
  .option('--valid-only', 'import the valid rows even if some rows have errors')
  .option('--map <mapping>', 'customers/holdings/balances: column mapping, e.g. customerNo=客户号,name=姓名 (default: suggested from the headers)')
  .action(async (kind: string, file: string, o: { validOnly?: boolean; map?: string }) => {
    if (kind === 'customers' || kind === 'holdings' || kind === 'balances') {
      const { runCustomerImportCli } = await import('./modules/customers/customer-import.cli');
      await withDb(loadConfig(), async (h) => {
        process.exitCode = await runCustomerImportCli(h, kind, file, o);
      });
      return;
    }
    if (kind !== 'staff' && kind !== 'branches') throw new Error('kind must be staff, branches, customers, holdings or balances');
    const bytes = fs.readFileSync(file);
    const { importOrgFile } = await import('./modules/org/org-import.service');
    await withDb(loadConfig(), async (h) => {
      const bar = progressBar(`Importing ${kind}`);
      const res = await importOrgFile(h.db, { kind, fileName: file, bytes, mode: o.validOnly ? 'valid' : 'all', actorUserId: null, actor: systemActor('cli'), onProgress: (d, t) => bar.update(d, t) });
      bar.stop();
      console.log(`${res.totalRows} rows, ${res.validRows} valid; inserted ${res.inserted}, updated ${res.updated}, unchanged ${res.unchanged}; ${res.committed ? 'committed' : 'NOTHING WRITTEN'}`);
      for (const e of res.errors) console.log(`  row ${e.row} ${e.column}: ${e.zh} / ${e.en}`);
      if (!res.committed) process.exitCode = 2;
    });
  });

const user = program.command('user').description('user accounts');
user
  .command('create')
  .description('create a sign-in account for a staff member')
  .requiredOption('--username <name>')
  .requiredOption('--staff-no <no>')
  .option('--password <password>', 'initial password (else read PATRON_NEW_PASSWORD or prompt-free random)')
  .option('--no-must-change', 'do not force a password change at first sign-in')
  .action(async (o: { username: string; staffNo: string; password?: string; mustChange: boolean }) => {
    const password = o.password ?? `Pw-${Math.random().toString(36).slice(2, 8)}-${Date.now().toString(36)}A1!`;
    await withDb(loadConfig(), async (h) => {
      const id = await createUser({ db: h.db }, systemActor('cli'), { username: o.username, staffNo: o.staffNo, password, mustChangePassword: o.mustChange });
      console.log(`User ${o.username} created (id ${id}).${o.password ? '' : ` Initial password: ${password}`}`);
    });
  });

const auditCmd = program.command('audit').description('the audit log');
auditCmd.command('verify').description('check the hash chain of the audit log').action(async () => {
  await withDb(loadConfig(), async (h) => {
    const { verifyAuditChain } = await import('./platform/audit.repository');
    const bar = progressBar('Verifying audit chain');
    const res = await verifyAuditChain(h.db, (d, t) => bar.update(d, t));
    bar.stop();
    if (res.firstBreak) {
      console.log(`BROKEN: the chain breaks at audit row ${res.firstBreak.id} (${res.firstBreak.problem === 'altered' ? 'the row was altered' : 'a row before it was deleted or altered'}). ${res.rows} rows checked.`);
      process.exitCode = 3;
    } else {
      console.log(`OK: ${res.rows} audit rows, chain intact.`);
    }
  });
});

program
  .command('batch')
  .description('run a scheduled job now (one instance at a time)')
  .argument('[job]', 'job name; omit to list the jobs')
  .action(async (name: string | undefined) => {
    const config = loadConfig({ runJobs: false });
    const { buildApp } = await import('./app');
    await withDb(config, async (handle) => {
      const app = await buildApp(config, { handle, skipMigrate: true, logger: false });
      try {
        if (!name) {
          for (const j of app.ctx.jobs.list()) console.log(`  ${j.name.padEnd(24)} ${j.schedule}`);
          return;
        }
        const bar = progressBar(`Job ${name}`);
        const res = await app.ctx.jobs.runNow(name, { onProgress: (d, t, l) => bar.update(d, t, l) });
        bar.stop();
        if (!res.ran) {
          console.error(`Job ${name} is running on another instance; try again later.`);
          process.exitCode = 4;
        } else {
          console.log(`Job ${name}: ${res.status} ${JSON.stringify(res.detail)}`);
          if (res.status === 'failed') process.exitCode = 1;
        }
      } finally {
        await app.close();
      }
    });
  });

const insightsCmd = program.command('insights').description('models that find the customers to call');
insightsCmd
  .command('train')
  .description('train and validate both learners on any csv and print the metrics table')
  .requiredOption('--file <file>', 'the csv (separator ; , or tab detected)')
  .requiredOption('--target <column>', 'the 0/1 or yes/no column to predict')
  .option('--drop <columns...>', 'columns to leave out (e.g. one known only afterwards)')
  .option('--time-order', 'also train on the first 80% of rows and test on the rest (rows in time order)')
  .option('--model <model>', 'gbt | logreg | both', 'both')
  .option('--folds <n>', 'folds of stratified cross-validation', '5')
  .action(async (o: { file: string; target: string; drop?: string[]; timeOrder?: boolean; model?: string; folds?: string }) => {
    const { runTrainCli } = await import('./modules/insights/insights.cli');
    process.exitCode = runTrainCli(o);
  });

program.command('backup').argument('<file>').description('back up the database to a file').action(async (file: string) => {
  const { backup } = await import('./platform/backup');
  const res = await backup(loadConfig(), file);
  console.log(`Backup written to ${file} (${res.bytes} bytes).`);
});
program.command('restore').argument('<file>').description('restore the database from a backup (stop the server first)').action(async (file: string) => {
  const { restore } = await import('./platform/backup');
  await restore(loadConfig(), file);
  console.log('Restored.');
});

program.parseAsync(process.argv).catch((e: unknown) => {
  if (e instanceof AppError) console.error(`${e.zh}\n${e.en}`);
  else console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
