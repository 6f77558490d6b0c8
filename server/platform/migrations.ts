// Runs the frozen migrations in server/db/migrations in name order.
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Migrator, type Migration, type MigrationProvider, type MigrationResultSet } from 'kysely/migration';
import type { Db } from './db';

const DIR = path.resolve(import.meta.dirname, '..', 'db', 'migrations');

class FolderProvider implements MigrationProvider {
  async getMigrations(): Promise<Record<string, Migration>> {
    const files = fs
      .readdirSync(DIR)
      .filter((f) => /\.(ts|js)$/.test(f) && !f.endsWith('.d.ts') && !f.includes('.test.'))
      .sort();
    const out: Record<string, Migration> = {};
    for (const f of files) {
      const mod = (await import(pathToFileURL(path.join(DIR, f)).href)) as Migration;
      out[f.replace(/\.(ts|js)$/, '')] = mod;
    }
    return out;
  }
}

export function migrator(db: Db): Migrator {
  return new Migrator({ db, provider: new FolderProvider(), migrationTableName: 'schema_migrations', migrationLockTableName: 'schema_migrations_lock' });
}

export async function migrateToLatest(db: Db): Promise<string[]> {
  const res: MigrationResultSet = await migrator(db).migrateToLatest();
  if (res.error) throw res.error instanceof Error ? res.error : new Error(String(res.error));
  return (res.results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

/** Names of migrations not yet applied; empty when the schema is current. */
export async function pendingMigrations(db: Db): Promise<string[]> {
  const all = await migrator(db).getMigrations();
  return all.filter((m) => !m.executedAt).map((m) => m.name);
}
