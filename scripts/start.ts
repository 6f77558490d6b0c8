// `npm start`: build the web app if it is missing or older than its sources, then serve.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const index = path.join(root, 'dist', 'web', 'index.html');

function newest(dir: string): number {
  let t = 0;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : fs.statSync(p).mtimeMs);
  }
  return t;
}

const built = fs.existsSync(index) ? fs.statSync(index).mtimeMs : 0;
const sources = Math.max(newest(path.join(root, 'web')), newest(path.join(root, 'contracts')));
if (built < sources) {
  console.log('Building the web app…');
  const res = spawnSync('npm', ['run', 'build:web'], { cwd: root, stdio: 'inherit' });
  if (res.status !== 0) process.exit(res.status ?? 1);
}
// process.execPath is the pinned Node that npm runs this script with; tsx loads the TypeScript.
const res = spawnSync(process.execPath, ['--import', 'tsx', path.join(root, 'server', 'main.ts'), 'serve', '--seed-if-empty', '--train-if-seeded', ...process.argv.slice(2)], { cwd: root, stdio: 'inherit' });
process.exit(res.status ?? 0);
