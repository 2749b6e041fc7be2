import net from 'node:net';
import { Controller, Get, Module } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createHttpApp } from '../src/index.ts';

@Controller()
class SlowController {
  @Get('slow')
  async slow() {
    await new Promise((r) => setTimeout(r, 300));
    return { done: true };
  }
}

@Module({ controllers: [SlowController] })
class ProbeModule {}

const GRACE_MS = 1_000;

async function startApp(): Promise<{ app: NestFastifyApplication; port: number }> {
  const app = await createHttpApp(ProbeModule, { service: 'probe', title: 'probe', description: 'shutdown probe', logger: false, shutdownGraceMs: GRACE_MS });
  await app.listen({ port: 0, host: '127.0.0.1' });
  return { app, port: Number(new URL(await app.getUrl()).port) };
}

function connect(port: number): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => resolve(socket)).once('error', reject);
  });
}

/** Milliseconds until `promise` settles, or null if it has not after `limitMs`. */
async function settlesWithin(promise: Promise<unknown>, limitMs: number): Promise<number | null> {
  const t0 = performance.now();
  let timer: NodeJS.Timeout | undefined;
  const done = await Promise.race([promise.then(() => true), new Promise<false>((r) => (timer = setTimeout(() => r(false), limitMs)))]);
  clearTimeout(timer);
  return done ? performance.now() - t0 : null;
}

describe('HTTP shutdown', () => {
  it('closes a connection that never sent a request once the grace is over, instead of waiting for it forever', async () => {
    const { app, port } = await startApp();
    const silent = await connect(port);
    const closedByServer = new Promise((r) => silent.once('close', r));
    silent.on('error', () => undefined); // the cut may come as a reset

    const closing = app.close();
    const took = await settlesWithin(closing, GRACE_MS + 5_000);
    silent.destroy(); // (when the server did not: so that a failed test still ends)
    await closing;

    expect(took).not.toBeNull();
    expect(took!).toBeGreaterThanOrEqual(GRACE_MS - 50);
    await closedByServer;
  });

  it('lets a request in flight finish within the grace', async () => {
    const { app, port } = await startApp();
    const socket = await connect(port);
    const answer = new Promise<string>((resolve) => {
      let text = '';
      socket.on('data', (chunk: Buffer) => {
        text += chunk.toString();
        if (text.includes('"done":true')) resolve(text);
      });
    });
    socket.write('GET /slow HTTP/1.1\r\nhost: probe\r\n\r\n');
    await new Promise((r) => setTimeout(r, 50)); // the request is in its handler

    const closing = app.close();

    expect(await answer).toMatch(/^HTTP\/1\.1 200/);
    expect(await settlesWithin(closing, GRACE_MS + 5_000)).not.toBeNull();
    socket.destroy();
  });
});
