import { BaseRpcContext } from '@nestjs/microservices';
import type { JsMsg } from '@nats-io/jetstream';
import type { EntityManager } from 'typeorm';
import type { EventEnvelope } from '@jingwang/contracts';

type Publish = (events: EventEnvelope | EventEnvelope[]) => Promise<void>;
type Args = [msg: JsMsg, subject: string, manager: EntityManager, publish: Publish];

/**
 * What a handler gets beside the payload (`@Ctx()`): the transaction its writes must use (the
 * inbox row commits with them) and `publish`, which writes follow-up events to the outbox in
 * that same transaction.
 */
export class JetStreamContext extends BaseRpcContext<Args> {
  get message(): JsMsg {
    return this.args[0];
  }
  /** The subject without the namespace prefix. */
  get subject(): string {
    return this.args[1];
  }
  get manager(): EntityManager {
    return this.args[2];
  }
  get deliveryCount(): number {
    return this.args[0].info.deliveryCount;
  }
  publish(events: EventEnvelope | EventEnvelope[]): Promise<void> {
    return this.args[3](events);
  }
}

type BatchArgs = [msgs: JsMsg[], subjects: string[], manager: EntityManager, publish: Publish];

/** The context of an `@OnEventBatch` handler: `messages[i]` carried the handler's `events[i]`. */
export class JetStreamBatchContext extends BaseRpcContext<BatchArgs> {
  get messages(): JsMsg[] {
    return this.args[0];
  }
  /** Each message's subject without the namespace prefix (they differ under a wildcard filter). */
  get subjects(): string[] {
    return this.args[1];
  }
  get manager(): EntityManager {
    return this.args[2];
  }
  publish(events: EventEnvelope | EventEnvelope[]): Promise<void> {
    return this.args[3](events);
  }
}
