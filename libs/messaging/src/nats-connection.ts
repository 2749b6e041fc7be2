import { connect, type NatsConnection } from '@nats-io/transport-node';
import { Logger } from '@nestjs/common';

export interface NatsConnectOptions {
  servers: string | string[];
  /** The NATS client name: the service's name (one name everywhere: project, schema, stream, client). */
  name: string;
}

/**
 * Connects and keeps reconnecting forever (also before the first connect), with jittered
 * waits, and logs every status change so an operator sees outages in the service's log.
 */
export async function connectNats(options: NatsConnectOptions, logger = new Logger(`nats:${options.name}`)): Promise<NatsConnection> {
  const nc = await connect({
    servers: options.servers,
    name: options.name,
    waitOnFirstConnect: true,
    maxReconnectAttempts: -1,
    reconnectTimeWait: 1_000,
    reconnectJitter: 500,
    pingInterval: 10_000,
    // Each request would otherwise build an Error for its stack: 5 % of the CPU of a busy relay.
    noAsyncTraces: true,
  });
  logger.log(`connected to ${nc.getServer()}`);
  void (async () => {
    for await (const s of nc.status()) {
      if (s.type === 'disconnect' || s.type === 'error') logger.warn(`${s.type}: ${JSON.stringify(s)}`);
      else if (s.type === 'reconnect') logger.log(`reconnected to ${nc.getServer()}`);
    }
  })();
  return nc;
}
