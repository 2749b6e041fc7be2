// A lean HTTP/1.1 client for the load generator: keep-alive sockets, each request written as one
// buffer, each answer parsed only for its status and body (Content-Length framing; the servers
// under test answer that way). node:http's client spent as much CPU per request as the baseline
// server it measured (0.21-0.31 ms per request on 2 cores), CPU taken from the servers under test.
import net from 'node:net';

export type Answer = { status: number; body: string } | { failure: 'network' | 'timeout'; message: string };

interface Pending {
  startedAt: number;
  done: (answer: Answer) => void;
}

const HEADER_END = Buffer.from('\r\n\r\n');
const CONTENT_LENGTH = /\r\ncontent-length:\s*(\d+)/i;

/** One keep-alive connection with at most one request in flight. */
class Connection {
  pending: Pending | null = null;
  private buffered: Buffer = Buffer.alloc(0);
  /** Bytes of the current answer (head and body) once its head is read; -1 before. */
  private answerLength = -1;
  private status = 0;
  private bodyStart = 0;

  constructor(
    readonly socket: net.Socket,
    private readonly onFree: (c: Connection) => void,
    private readonly onClosed: (c: Connection) => void,
  ) {
    socket.setNoDelay(true);
    socket.on('data', (chunk: Buffer) => this.read(chunk));
    socket.on('error', () => undefined); // 'close' follows and fails the pending request
    socket.on('close', () => {
      this.fail('network', 'connection closed');
      this.onClosed(this);
    });
  }

  send(request: Buffer, pending: Pending): void {
    this.pending = pending;
    this.socket.write(request);
  }

  fail(failure: 'network' | 'timeout', message: string): void {
    const p = this.pending;
    this.pending = null;
    p?.done({ failure, message });
  }

  private read(chunk: Buffer): void {
    this.buffered = this.buffered.length === 0 ? chunk : Buffer.concat([this.buffered, chunk]);
    for (;;) {
      if (this.answerLength < 0) {
        const end = this.buffered.indexOf(HEADER_END);
        if (end < 0) return;
        const head = this.buffered.toString('latin1', 0, end);
        const length = CONTENT_LENGTH.exec(head);
        if (!length) {
          this.fail('network', `answer without Content-Length: ${head.slice(0, 200)}`);
          this.socket.destroy();
          return;
        }
        this.status = Number(head.slice(9, 12));
        this.bodyStart = end + HEADER_END.length;
        this.answerLength = this.bodyStart + Number(length[1]);
      }
      if (this.buffered.length < this.answerLength) return;
      const body = this.buffered.toString('utf8', this.bodyStart, this.answerLength);
      this.buffered = this.buffered.subarray(this.answerLength);
      this.answerLength = -1;
      const p = this.pending;
      this.pending = null;
      this.onFree(this); // before done(), which may send the next request on it
      p?.done({ status: this.status, body });
    }
  }
}

/** Keep-alive connections to one server, opened ahead (`open`) or as requests need them, up to `maxConnections`. */
export class RawHttpPool {
  private readonly idle: Connection[] = [];
  private readonly all = new Set<Connection>();
  private readonly sweeper: NodeJS.Timeout;

  constructor(
    private readonly host: string,
    private readonly port: number,
    private readonly maxConnections: number,
    timeoutMs: number,
  ) {
    // One timer for all requests: a request older than the timeout fails and its connection closes.
    this.sweeper = setInterval(() => {
      const now = performance.now();
      for (const c of this.all) {
        if (c.pending && now - c.pending.startedAt > timeoutMs) {
          c.fail('timeout', `no answer in ${timeoutMs} ms`);
          c.socket.destroy();
        }
      }
    }, 100);
  }

  /**
   * Opens connections until there are `n` (at most `maxConnections`) and waits for them: a run
   * measures requests, not connection set-up (as wrk does), and a rush of new connections in the
   * middle of a step is a stall of its own (100-150 at once added up to 0.8 s to p99 here).
   */
  async open(n: number): Promise<void> {
    const opening: Promise<unknown>[] = [];
    while (this.all.size < Math.min(n, this.maxConnections)) {
      const c = this.connect();
      opening.push(new Promise((resolve) => c.socket.once('connect', resolve).once('close', resolve)));
      this.idle.push(c);
    }
    await Promise.all(opening);
  }

  /** False when every connection is busy and no more may be opened. */
  send(request: Buffer, done: (answer: Answer, startedAt: number) => void): boolean {
    let c = this.idle.pop();
    if (!c) {
      if (this.all.size >= this.maxConnections) return false;
      c = this.connect();
    }
    const startedAt = performance.now();
    c.send(request, { startedAt, done: (answer) => done(answer, startedAt) });
    return true;
  }

  private connect(): Connection {
    const c = new Connection(
      net.connect(this.port, this.host),
      (free) => this.idle.push(free),
      (closed) => {
        this.all.delete(closed);
        const i = this.idle.indexOf(closed);
        if (i >= 0) this.idle.splice(i, 1);
      },
    );
    this.all.add(c);
    return c;
  }

  close(): void {
    clearInterval(this.sweeper);
    for (const c of this.all) c.socket.destroy();
  }
}

/** One POST as a single buffer. */
export function postRequest(host: string, path: string, headers: Record<string, string>, body: string): Buffer {
  const payload = Buffer.from(body);
  let head = `POST ${path} HTTP/1.1\r\nhost: ${host}\r\ncontent-length: ${payload.length}\r\n`;
  for (const [name, value] of Object.entries(headers)) head += `${name}: ${value}\r\n`;
  return Buffer.concat([Buffer.from(`${head}\r\n`, 'latin1'), payload]);
}
