import { setImmediate as nextTurn } from 'node:timers/promises';

/**
 * Hands pulled messages to a consumer's workers: a worker takes whatever is waiting, up to a
 * batch, without waiting for more; the pump waits while the queue is full, so JetStream is
 * not asked for more than the workers can take.
 */
export class BatchQueue<T> {
  private items: T[] = [];
  private takers: (() => void)[] = [];
  private putters: (() => void)[] = [];
  private closed = false;

  constructor(private readonly capacity: number) {}

  async put(item: T): Promise<boolean> {
    while (this.items.length >= this.capacity && !this.closed) await new Promise<void>((r) => this.putters.push(r));
    if (this.closed) return false;
    this.items.push(item);
    this.takers.shift()?.();
    return true;
  }

  /** Up to `max` items, waiting only while there are none; [] once closed. */
  async take(max: number): Promise<T[]> {
    while (this.items.length === 0 && !this.closed) {
      await new Promise<void>((r) => this.takers.push(r));
      // Woken by the first of a burst: let the rest of it (parsed from the same socket read) in
      // first, so a burst is one transaction rather than one per worker. Costs no timer wait.
      // Another worker may take it all meanwhile; then this one waits again.
      await nextTurn();
    }
    const batch = this.items.splice(0, max);
    for (const wake of this.putters.splice(0)) wake();
    if (this.items.length) this.takers.shift()?.();
    return batch;
  }

  /** Stops the queue and returns what was never taken. */
  close(): T[] {
    this.closed = true;
    for (const wake of [...this.takers.splice(0), ...this.putters.splice(0)]) wake();
    return this.items.splice(0);
  }
}
