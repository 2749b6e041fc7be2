import net from 'node:net';
import { Controller, Get, Module, Query } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { waitFor } from '@jingwang/testing';
import { createHttpApp } from '../src/index.ts';

/** Requests that reached the handler, so that a test closes the app only once its request is in flight. */
let started = 0;

@Controller()
class SlowController {
  @Get('slow')
  async slow(@Query('ms') ms?: string) {
    started++;
    await new Promise((r) => setTimeout(r, Number(ms ?? 300)));
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
    const before = started;
    socket.write('GET /slow HTTP/1.1\r\nhost: probe\r\n\r\n');
    await waitFor('the request in its handler', () => started > before, 5000, 5);

    const closing = app.close();

    expect(await answer).toMatch(/^HTTP\/1\.1 200/);
    expect(await settlesWithin(closing, GRACE_MS + 5_000)).not.toBeNull();
    socket.destroy();
  });

  it('answers a request that arrives while it closes with 503 SERVICE.UNAVAILABLE in our shape, Retry-After and Connection: close', async () => {
    const { app, port } = await startApp();
    const socket = await connect(port);
    let text = '';
    const bothAnswered = new Promise<void>((resolve) => {
      socket.on('data', (chunk: Buffer) => {
        text += chunk.toString();
        if (/HTTP\/1\.1 503[\s\S]*\}\}/.test(text) && text.includes('"done":true')) resolve();
      });
    });
    // Busy (but done within the grace), so that close() leaves the connection open for the next request.
    const before = started;
    socket.write(`GET /slow?ms=${GRACE_MS / 2} HTTP/1.1\r\nhost: probe\r\n\r\n`);
    await waitFor('the request in its handler', () => started > before, 5000, 5);

    const closing = app.close();
    await waitFor('the server to stop listening', () => !app.getHttpServer().listening);
    socket.write('GET /slow?ms=1 HTTP/1.1\r\nhost: probe\r\n\r\n');
    await bothAnswered;
    const second = text.slice(text.indexOf('HTTP/1.1 503'));
    expect(second).toMatch(/\r\nretry-after: 5\r\n/i);
    expect(second).toMatch(/\r\nconnection: close\r\n/i);
    expect(JSON.parse(second.slice(second.indexOf('\r\n\r\n') + 4))).toEqual({ error: { code: 'SERVICE.UNAVAILABLE', message: 'the service is shutting down; retry after 5 s' } });
    await closing;
    socket.destroy();
  });
});
