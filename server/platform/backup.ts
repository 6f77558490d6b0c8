// Backup and restore: the embedded database's data folder as a tarball, or pg_dump/pg_restore.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Config } from './env';
import { openDatabase } from './db';

export async function backup(config: Config, file: string): Promise<{ bytes: number }> {
  if (config.databaseUrl) {
    const res = spawnSync('pg_dump', ['--format=custom', `--file=${file}`, config.databaseUrl], { stdio: 'inherit' });
    if (res.status !== 0) throw new Error('pg_dump failed (is the postgresql client installed?)');
    return { bytes: fs.statSync(file).size };
  }
  const h = await openDatabase({ databaseUrl: null, dataDir: config.dataDir });
  try {
    const dump = await h.pglite!.dumpDataDir('gzip');
    const buf = Buffer.from(await dump.arrayBuffer());
    fs.writeFileSync(file, buf);
    return { bytes: buf.length };
  } finally {
    await h.close();
  }
}

/** Replaces the database with the backup. The server must be stopped. */
export async function restore(config: Config, file: string): Promise<void> {
  if (!fs.existsSync(file)) throw new Error(`No such file: ${file}`);
  if (config.databaseUrl) {
    const res = spawnSync('pg_restore', ['--clean', '--if-exists', '--no-owner', `--dbname=${config.databaseUrl}`, file], { stdio: 'inherit' });
    if (res.status !== 0) throw new Error('pg_restore failed');
    return;
  }
  const blob = new Blob([fs.readFileSync(file)]);
  // Restore beside the live folder, then swap, so a failed restore leaves the old data in place.
  const target = config.dataDir;
  const staging = `${target}.restoring`;
  fs.rmSync(staging, { recursive: true, force: true });
  const h = await openDatabase({ databaseUrl: null, dataDir: staging, loadDataDir: blob });
  await h.close();
  const old = `${target}.before-restore-${Date.now()}`;
  if (fs.existsSync(target)) fs.renameSync(target, old);
  fs.renameSync(staging, target);
  fs.rmSync(old, { recursive: true, force: true });
  fs.mkdirSync(path.dirname(target), { recursive: true });
}
