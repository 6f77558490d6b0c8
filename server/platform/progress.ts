// Progress bars for long command-line jobs (quiet when output is not a terminal).
import cliProgress from 'cli-progress';

export type Progress = { update(done: number, total: number, label?: string): void; stop(): void };

export function progressBar(title: string): Progress {
  if (!process.stderr.isTTY) {
    let last = -1;
    return {
      update(done, total, label) {
        const pct = total > 0 ? Math.floor((done / total) * 10) : 0;
        if (pct !== last) {
          last = pct;
          process.stderr.write(`${title}${label ? ` [${label}]` : ''}: ${done}/${total}\n`);
        }
      },
      stop() {},
    };
  }
  const bar = new cliProgress.SingleBar(
    { format: `${title} [{bar}] {percentage}% {value}/{total} {label}`, hideCursor: true, stream: process.stderr },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  return {
    update(done, total, label = '') {
      if (!started) {
        bar.start(total, done, { label });
        started = true;
      }
      bar.setTotal(total);
      bar.update(done, { label });
    },
    stop() {
      if (started) bar.stop();
    },
  };
}
