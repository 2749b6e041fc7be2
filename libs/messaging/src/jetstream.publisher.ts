import { createInbox, type Msg, type MsgHdrs, type NatsConnection, type Subscription } from '@nats-io/transport-node';

export interface PubAck {
  stream: string;
  seq: number;
  duplicate?: boolean;
}

export class JetStreamPublishError extends Error {
  constructor(
    message: string,
    readonly code: 'timeout' | 'no-stream' | 'rejected' | 'closed',
  ) {
    super(message);
    this.name = 'JetStreamPublishError';
  }
}

interface Waiting {
  resolve: (ack: PubAck) => void;
  reject: (err: Error) => void;
  deadline: number;
}

/**
 * Publishes to JetStream and waits for the stream's acknowledgement, as `jetstream(nc).publish`
 * does, on one wildcard reply subscription with one timer sweeping for late acks. nats.js makes a
 * request (its own timer, and an Error built and thrown away) for every message, even a
 * successful one: 2-3 % of a busy relay's thread at 2,000 events/s (CPU profile of bench:intake).
 */
export class JetStreamPublisher {
  private readonly prefix = `${createInbox()}.`;
  private readonly waiting = new Map<string, Waiting>();
  private readonly replies: Subscription;
  private readonly sweeper: NodeJS.Timeout;
  private next = 0;

  constructor(
    private readonly nc: NatsConnection,
    private readonly timeoutMs: number,
  ) {
    this.replies = nc.subscribe(`${this.prefix}*`, { callback: (_err, msg) => this.settle(msg) });
    this.sweeper = setInterval(() => this.expire(), Math.min(250, timeoutMs)).unref();
  }

  /** `headers` carries Nats-Msg-Id when the stream is to drop a repeat. */
  publish(subject: string, data: string | Uint8Array, headers: MsgHdrs): Promise<PubAck> {
    const token = String(++this.next);
    return new Promise<PubAck>((resolve, reject) => {
      this.waiting.set(token, { resolve, reject, deadline: Date.now() + this.timeoutMs });
      try {
        this.nc.publish(subject, data, { reply: this.prefix + token, headers });
      } catch (err) {
        this.waiting.delete(token);
        reject(err as Error);
      }
    });
  }

  /** Fails whatever still waits; the connection itself is the caller's. */
  close(): void {
    clearInterval(this.sweeper);
    this.replies.unsubscribe();
    for (const w of this.waiting.values()) w.reject(new JetStreamPublishError('publisher closed before the stream acknowledged', 'closed'));
    this.waiting.clear();
  }

  private settle(msg: Msg): void {
    const token = msg.subject.slice(this.prefix.length);
    const w = this.waiting.get(token);
    if (!w) return; // acknowledged after its timeout: already failed, and retried by the caller
    this.waiting.delete(token);
    if (msg.data.length === 0 && msg.headers?.code === 503) {
      return w.reject(new JetStreamPublishError(`no stream takes ${msg.subject}: is JetStream on, and the stream provisioned?`, 'no-stream'));
    }
    const ack = msg.json<PubAck & { error?: { code: number; err_code?: number; description: string } }>();
    if (ack.error) w.reject(new JetStreamPublishError(`stream rejected the message: ${ack.error.description} (${ack.error.code})`, 'rejected'));
    else w.resolve(ack);
  }

  private expire(): void {
    const now = Date.now();
    for (const [token, w] of this.waiting) {
      if (w.deadline > now) break; // in the order sent, so in the order of their deadlines
      this.waiting.delete(token);
      w.reject(new JetStreamPublishError(`no acknowledgement from the stream within ${this.timeoutMs} ms`, 'timeout'));
    }
  }
}
