/** The delay before the n-th retry (n from 1): the list's n-th entry, its last one repeating. */
export function backoffDelay(stepsMs: readonly number[], attempt: number): number {
  if (stepsMs.length === 0) return 0;
  return stepsMs[Math.min(Math.max(attempt, 1), stepsMs.length) - 1];
}

/** Exponential backoff with full jitter, for loops that retry the same work (relay, reconnect). */
export function exponentialDelay(attempt: number, baseMs: number, maxMs: number): number {
  const ceiling = Math.min(maxMs, baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(ceiling / 2 + (Math.random() * ceiling) / 2);
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
