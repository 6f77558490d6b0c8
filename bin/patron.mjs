#!/usr/bin/env node
// `npx patron …`: runs the TypeScript CLI through tsx with the project's pinned Node.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
// The pinned Node 24 with tsx as a loader: one process, no tsx launcher in between.
const node = path.join(root, 'node_modules', '.bin', 'node');
const res = spawnSync(node, ['--import', 'tsx', path.join(root, 'server', 'main.ts'), ...process.argv.slice(2)], { stdio: 'inherit', cwd: root });
process.exit(res.status ?? 1);
