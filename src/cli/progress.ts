/**
 * Progress for long-running commands: a bar on a terminal, one line per phase otherwise (so logs and
 * tests can follow what happens), nothing with --quiet.
 */
import { SingleBar } from 'cli-progress';
import type { Progress } from '../io/reader.ts';

export function terminalProgress(quiet = false): Progress & { stop(): void } {
  if (quiet) return Object.assign(() => {}, { stop() {} });
  const tty = process.stderr.isTTY;
  let bar: SingleBar | null = null;
  let phase = '';
  const report = (name: string, done: number, total: number) => {
    if (name !== phase) {
      bar?.stop();
      bar = null;
      phase = name;
      if (tty) {
        bar = new SingleBar({
          format: `${name.padEnd(24)} [{bar}] {percentage}% {value}/{total}`,
          stream: process.stderr,
          hideCursor: true,
        });
        bar.start(total, done);
      } else process.stderr.write(`${name}…\n`);
    }
    bar?.update(done);
  };
  return Object.assign(report, {
    stop() {
      bar?.stop();
      bar = null;
    },
  });
}
