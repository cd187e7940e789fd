/**
 * Shared by the benchmarks that time whole `milieu` processes (cli-path.ts, compare-ten.ts): their
 * command-line options, the CPU seconds of reaped children, and the median and spread they print.
 */
import { readFileSync } from 'node:fs';

/** The value after `name` on the command line, or `fallback`. */
export function option(name: string, fallback: string): string {
  const i = process.argv.indexOf(name);
  return i >= 0 && i + 1 < process.argv.length ? process.argv[i + 1] : fallback;
}

/**
 * CPU seconds (user + system) of the children this process has waited for, from /proc/self/stat
 * (cutime and cstime, in clock ticks of 1/100 s): the difference around a spawnSync is that
 * command's CPU time, its threads and subprocesses included. NaN where /proc is missing.
 */
export function childCpu(): number {
  try {
    const stat = readFileSync('/proc/self/stat', 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[13]) + Number(fields[14])) / 100;
  } catch {
    return Number.NaN;
  }
}

export const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const h = s.length >> 1;
  return s.length % 2 ? s[h] : (s[h - 1] + s[h]) / 2;
};

/** `median s  (min …, max …)`. */
export const spread = (xs: number[]): string =>
  `${median(xs).toFixed(2)} s  (min ${Math.min(...xs).toFixed(2)}, max ${Math.max(...xs).toFixed(2)})`;
