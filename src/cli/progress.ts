/**
 * Progress for long-running commands, on stderr: a bar on a terminal, one line per phase otherwise
 * (so logs and tests can follow what happens), nothing with --quiet. A phase is one bar with one
 * total; `done` may be fractional (a step part-way done) and is shown whole.
 */
import { SingleBar } from 'cli-progress';
import type { Progress } from '../store/reader.ts';

export function terminalProgress(quiet = false): Progress & { stop(): void } {
  if (quiet) return Object.assign(() => {}, { stop() {} });
  const tty = process.stderr.isTTY;
  let bar: SingleBar | null = null;
  let phase = '';
  let phaseTotal = -1;
  const report = (name: string, done: number, total: number) => {
    if (name !== phase || total !== phaseTotal) {
      bar?.stop();
      bar = null;
      const sameName = name === phase;
      phase = name;
      phaseTotal = total;
      if (tty) {
        bar = new SingleBar({
          format: `${name.padEnd(24)} [{bar}] {percentage}% {step}/{total}`,
          stream: process.stderr,
          hideCursor: true,
        });
        bar.start(total, done, { step: Math.floor(done) });
      } else if (!sameName) process.stderr.write(`${name}…\n`);
    }
    bar?.update(done, { step: Math.floor(done) });
  };
  return Object.assign(report, {
    stop() {
      bar?.stop();
      bar = null;
    },
  });
}
