import pg from 'pg';

const isReadTimeout = (err: unknown): boolean => err instanceof Error && err.message === 'Query read timeout';

/**
 * A pg client that drops its connection when a query gets no answer within `query_timeout`. pg fails
 * such a query but keeps the connection, whose server may still run the statement and answer
 * later: back in the pool, it would hand the next transaction a connection still busy with (or
 * inside the transaction of) a request that was already answered 503, and that transaction's
 * COMMIT would commit both. Dropped, it fails what was queued behind it and the pool opens a new
 * one. pg itself does the same in pipeline mode.
 */
export class TimeoutSafeClient extends pg.Client {
  // pg's query has a dozen overloads; this passes every call through unchanged.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  override query(...args: any[]): any {
    const last: unknown = args.at(-1);
    if (typeof last === 'function') {
      args[args.length - 1] = (err: unknown, res: unknown) => {
        if (isReadTimeout(err)) this.drop();
        (last as (err: unknown, res: unknown) => void)(err, res);
      };
    }
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const result = (super.query as (...a: any[]) => unknown)(...args);
    if (result instanceof Promise) result.catch((err: unknown) => isReadTimeout(err) && this.drop());
    return result;
  }

  private drop(): void {
    const self = this as unknown as { _queryable: boolean; connection?: { stream?: { destroy(): void } } };
    // At once, before the socket's close is seen: the pool checks this when the client comes back (pg-pool's release).
    self._queryable = false;
    self.connection?.stream?.destroy();
  }
}
