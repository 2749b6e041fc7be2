import { randomBytes } from 'node:crypto';
import { jetstreamManager } from '@nats-io/jetstream';
import { headers, type NatsConnection } from '@nats-io/transport-node';
import { natsTestUrl } from '@jingwang/testing';
import { connectNats } from '../src/index.ts';
import { JetStreamPublisher, JetStreamPublishError } from '../src/jetstream.publisher.ts';

let nc: NatsConnection;
const stream = `TEST_PUBLISHER_${randomBytes(4).toString('hex')}`;
const subject = `${stream.toLowerCase()}.events`;

beforeAll(async () => {
  nc = await connectNats({ servers: natsTestUrl(), name: 'publisher-test' });
  await (await jetstreamManager(nc)).streams.add({ name: stream, subjects: [`${stream.toLowerCase()}.>`], max_bytes: 1024 * 1024, duplicate_window: 60_000_000_000 });
});

afterAll(async () => {
  await (await jetstreamManager(nc)).streams.delete(stream).catch(() => undefined);
  await nc.close();
});

const withId = (id: string) => {
  const h = headers();
  h.set('Nats-Msg-Id', id);
  return h;
};

describe('JetStreamPublisher', () => {
  it('resolves with the stream acknowledgement, in order, and reports a repeated Nats-Msg-Id as a duplicate', async () => {
    const p = new JetStreamPublisher(nc, 2000);
    try {
      const acks = await Promise.all(Array.from({ length: 50 }, (_, i) => p.publish(subject, `event ${i}`, withId(`id-${i}`))));
      expect(acks.map((a) => a.stream)).toEqual(Array(50).fill(stream));
      expect(acks.map((a) => a.seq)).toEqual(acks.map((_, i) => acks[0].seq + i));
      expect((await p.publish(subject, 'again', withId('id-7'))).duplicate).toBe(true);
      expect((await (await jetstreamManager(nc)).streams.info(stream)).state.messages).toBe(50);
    } finally {
      p.close();
    }
  });

  it('fails with no-stream when no stream takes the subject', async () => {
    const p = new JetStreamPublisher(nc, 2000);
    try {
      await expect(p.publish(`nowhere.${randomBytes(4).toString('hex')}`, 'x', withId('lost'))).rejects.toMatchObject({ code: 'no-stream' });
    } finally {
      p.close();
    }
  });

  it('fails with timeout when nothing acknowledges in time, and with closed what waits when it is closed', async () => {
    const p = new JetStreamPublisher(nc, 300);
    const silent = nc.subscribe(`silent.${randomBytes(4).toString('hex')}`); // a responder that never answers: no 503, no ack
    try {
      await expect(p.publish(silent.getSubject(), 'x', withId('slow'))).rejects.toMatchObject({ code: 'timeout' });
      const waiting = p.publish(silent.getSubject(), 'y', withId('slower'));
      p.close();
      await expect(waiting).rejects.toBeInstanceOf(JetStreamPublishError);
      await expect(waiting).rejects.toMatchObject({ code: 'closed' });
    } finally {
      silent.unsubscribe();
      p.close();
    }
  });
});
