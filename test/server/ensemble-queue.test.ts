// The ensemble queue: arrival order, one job at a time, progress, failures kept apart, the bound.
import { describe, expect, it } from 'vitest';
import { EnsembleQueue, QueueFullError } from '../../src/server/ensemble-queue.ts';

function gate(): { wait: Promise<void>; open: () => void } {
  let open = () => {};
  const wait = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { wait, open };
}

describe('EnsembleQueue', () => {
  it('runs jobs one at a time in arrival order, with progress, and keeps a failure to its job', async () => {
    const queue = new EnsembleQueue<number>({ maxPending: 3 });
    const order: string[] = [];
    const first = gate();
    const a = queue.submit(async (progress) => {
      order.push('a start');
      progress(1, 2);
      await first.wait;
      order.push('a end');
      return 1;
    });
    const b = queue.submit(async () => {
      order.push('b');
      throw new Error('boom');
    });
    const c = queue.submit(async () => {
      order.push('c');
      return 3;
    });
    expect(() => queue.submit(async () => 4)).toThrow(QueueFullError);
    await new Promise((r) => setImmediate(r));
    expect(queue.status(a)).toMatchObject({ state: 'running', done: 1, total: 2 });
    expect(queue.status(c)).toMatchObject({ state: 'queued', position: 1 });
    first.open();
    await queue.drained();
    expect(order).toEqual(['a start', 'a end', 'b', 'c']);
    expect(queue.status(a)).toMatchObject({ state: 'done', result: 1 });
    expect(queue.status(b)).toMatchObject({ state: 'failed', error: 'boom', result: null });
    expect(queue.status(c)).toMatchObject({ state: 'done', result: 3 });
    expect(queue.status('job-99')).toBeNull();
    // room again once the jobs are done
    expect(queue.submit(async () => 5)).toBe('job-4');
    await queue.drained();
  });

  it('forgets the oldest finished jobs beyond keepFinished', async () => {
    const queue = new EnsembleQueue<number>({ keepFinished: 2 });
    const ids = [1, 2, 3].map((v) => queue.submit(async () => v));
    await queue.drained();
    expect(queue.status(ids[0])).toBeNull();
    expect(queue.status(ids[2])).toMatchObject({ state: 'done', result: 3 });
  });
});
