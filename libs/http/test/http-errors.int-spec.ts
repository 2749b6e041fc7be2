import net from 'node:net';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createTestDatabase, type TestDatabase } from '@jingwang/testing';
import { CapturingLogger, handlerCalls, migrateProbe, startProbeApp } from './probe-app.fixture.ts';

const REQUEST_TIMEOUT_MS = 1500;

let db: TestDatabase;
let app: NestFastifyApplication;
let url: string;
const logger = new CapturingLogger();

beforeAll(async () => {
  db = await createTestDatabase('http_errors');
  await migrateProbe(db.url);
  ({ app, url } = await startProbeApp({ adminUrl: db.url, logger, http: { requestTimeoutMs: REQUEST_TIMEOUT_MS } }));
});
afterAll(async () => {
  await app?.close();
  await db?.drop();
});

type ErrorAnswer = { status: number; headers: Headers; text: string; body: { error?: { code: string; message: string; details?: unknown } } };

async function send(path: string, init: RequestInit = {}): Promise<ErrorAnswer> {
  const res = await fetch(`${url}${path}`, init);
  const text = await res.text();
  let body = {};
  try {
    body = JSON.parse(text);
  } catch {
    // not JSON: the test says so
  }
  return { status: res.status, headers: res.headers, text, body };
}

const json = (body: string | Buffer): RequestInit => ({ method: 'POST', headers: { 'content-type': 'application/json' }, body });
const form = (body: string | Buffer): RequestInit => ({ method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body });

/** Sends `raw` on a socket and returns what the server wrote until it closed, or went quiet for `quietMs` after answering. */
function rawExchange(raw: string | Buffer, quietMs = 300): Promise<string> {
  return new Promise((resolve, reject) => {
    const port = Number(new URL(url).port);
    const socket = net.connect(port, '127.0.0.1');
    let text = '';
    let timer = setTimeout(() => socket.destroy(), 20_000); // (an answer that never comes fails the test below)
    socket.on('data', (chunk: Buffer) => {
      text += chunk.toString('latin1');
      clearTimeout(timer);
      timer = setTimeout(() => socket.destroy(), quietMs);
    });
    socket.on('close', () => (clearTimeout(timer), resolve(text)));
    socket.on('error', (err) => ((err as NodeJS.ErrnoException).code === 'ECONNRESET' ? undefined : reject(err)));
    socket.write(raw);
  });
}

/** A refusal before any handler: status, code, and what the message must (not) say. */
async function expectRefused(answer: Promise<ErrorAnswer>, status: number, code: string, names?: string): Promise<ErrorAnswer> {
  const calls = handlerCalls.length;
  const a = await answer;
  expect({ status: a.status, code: a.body.error?.code }).toEqual({ status, code });
  if (names !== undefined) expect(a.body.error?.message).toContain(names);
  expect(handlerCalls.length).toBe(calls);
  return a;
}

const nested = (levels: number) => `${'{"a":'.repeat(levels)}1${'}'.repeat(levels)}`;

describe('bad input is a 400 naming the problem, before any handler runs', () => {
  it('takes a good JSON body and a good form (flat keys, + as a space) as before', async () => {
    expect((await send('/v1/items', json(JSON.stringify({ description: 'ok', caller: { name: '刘' }, attributes: { a: { b: [1, 2] } } })))).status).toBe(201);
    const posted = await send('/v1/forms', form('attribute%5Bexternal_id%5D=12345-2026-000123&attribute[kind]=noise&description=a+b%2B%E5%90%B5'));
    expect(posted.status).toBe(201);
    expect(posted.body).toEqual({ fields: { 'attribute[external_id]': '12345-2026-000123', 'attribute[kind]': 'noise', description: 'a b+吵' } });
  });

  it('refuses JSON nested thousands of levels deep (it overflowed class-transformer: a 500), well under the body limit', async () => {
    const body = `{"description":"x","attributes":${nested(5000)}}`;
    expect(body.length).toBeLessThan(64 * 1024);
    const a = await expectRefused(send('/v1/items', json(body)), 400, 'REQUEST.TOO_DEEP', 'deeper than 16 levels');
    expect(a.body.error?.details).toEqual({ maxDepth: 16 });
    await expectRefused(send('/v1/items', json(`{"description":"x","attributes":${nested(16)}}`)), 400, 'REQUEST.TOO_DEEP');
    expect((await send('/v1/items', json(`{"description":"x","attributes":${nested(14)}}`))).status).toBe(201); // 16 levels with the body's own
  });

  it('refuses a JSON body that is not UTF-8, instead of storing U+FFFD', async () => {
    const body = Buffer.concat([Buffer.from('{"description":"caf'), Buffer.from([0xe9]), Buffer.from('"}')]);
    await expectRefused(send('/v1/items', json(body)), 400, 'REQUEST.INVALID_ENCODING', 'UTF-8');
  });

  it.each([
    ['the description', { description: 'a\u0000b' }, 'description'],
    ['an attribute', { description: 'x', attributes: { note: 'x\u0000' } }, 'attributes.note'],
    ['a nested DTO', { description: 'x', caller: { name: '\u0000' } }, 'caller.name'],
    ['a key', { description: 'x', attributes: { 'k\u0000': 1 } }, 'attributes.'],
  ])('refuses a NUL in %s of a JSON body, naming its path', async (_name, body, path) => {
    const a = await expectRefused(send('/v1/items', json(JSON.stringify(body))), 400, 'REQUEST.INVALID', path);
    expect(a.body.error?.details).toEqual([{ field: expect.stringContaining(path), problems: [expect.stringContaining('NUL')] }]);
  });

  it('refuses a NUL in a form field, a query parameter or a path parameter', async () => {
    await expectRefused(send('/v1/forms', form('description=a%00b')), 400, 'REQUEST.INVALID', 'description');
    await expectRefused(send('/v1/items?q=a%00'), 400, 'REQUEST.INVALID', 'q');
    await expectRefused(send('/v1/items/a%00b'), 400, 'REQUEST.INVALID', 'id');
  });

  it.each(['%ZZ', '%C3%28', '%E0%A4%A', '50%'])('refuses the malformed percent-encoding %s in a form field and in a query parameter', async (bad) => {
    const a = await expectRefused(send('/v1/forms', form(`api_key=k&description=${bad}`)), 400, 'REQUEST.INVALID_ENCODING', 'description');
    expect(a.text).not.toContain(bad);
    await expectRefused(send(`/v1/items?q=${bad}`), 400, 'REQUEST.INVALID_ENCODING', 'q');
  });

  it('refuses a form body that is not UTF-8', async () => {
    await expectRefused(send('/v1/forms', form(Buffer.concat([Buffer.from('description=caf'), Buffer.from([0xe9])]))), 400, 'REQUEST.INVALID_ENCODING', 'UTF-8');
  });

  it('answers a value Postgres refuses (validation missed it) with 400 REQUEST.INVALID, not 500, and warns', async () => {
    const a = await send('/v1/cast?value=not-a-uuid');
    expect({ status: a.status, code: a.body.error?.code, details: a.body.error?.details }).toEqual({ status: 400, code: 'REQUEST.INVALID', details: { sqlstate: '22P02' } });
    expect(a.text).not.toContain('not-a-uuid');
    expect(logger.matching('warn', /Postgres refused a value .*\/v1\/cast.*22P02/)).toHaveLength(1);
    expect(logger.matching('error', /22P02/)).toEqual([]);
  });
});

describe("Fastify's and Node's own refusals, in our shape and without the path", () => {
  it('answers a URL with a broken percent-encoding in its path', async () => {
    const a = await send('/v1/items/%E0%A4%A');
    expect({ status: a.status, code: a.body.error?.code }).toEqual({ status: 400, code: 'REQUEST.INVALID_URL' });
    expect(a.text).not.toMatch(/E0|items/);
    expect(a.body).not.toHaveProperty('statusCode');
  });

  it('answers an unknown route without echoing it', async () => {
    const a = await send('/v1/secret-path-xyz');
    expect({ status: a.status, code: a.body.error?.code }).toEqual({ status: 404, code: 'HTTP.NOT_FOUND' });
    expect(a.text).not.toContain('secret-path-xyz');
  });

  it('answers body errors (media type, size, empty, broken JSON) with their codes and our messages', async () => {
    const media = await expectRefused(send('/v1/items', { method: 'POST', headers: { 'content-type': 'text/x-secret-type' }, body: 'a,b' }), 415, 'REQUEST.UNSUPPORTED_MEDIA_TYPE');
    expect(media.text).not.toContain('secret');
    await expectRefused(send('/v1/items', json(JSON.stringify({ description: 'x'.repeat(70_000) }))), 413, 'REQUEST.TOO_LARGE');
    await expectRefused(send('/v1/items', json('')), 400, 'REQUEST.EMPTY_BODY');
    const broken = await expectRefused(send('/v1/items', json('{"description": "hunter2" x}')), 400, 'REQUEST.INVALID_JSON', 'JSON');
    expect(broken.text).not.toContain('hunter2');
  });

  it.each([
    ['a garbage request line', 'HELLO\r\n\r\n', 400, 'REQUEST.MALFORMED'],
    ['a bad header name', 'GET /v1/db HTTP/1.1\r\nHost: x\r\nBad Header: 1\r\n\r\n', 400, 'REQUEST.MALFORMED'],
    ['a bad Content-Length', 'POST /v1/items HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: abc\r\n\r\n{}', 400, 'REQUEST.MALFORMED'],
    ['Content-Length and chunked at once', 'POST /v1/items HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\nTransfer-Encoding: chunked\r\n\r\n{}', 400, 'REQUEST.MALFORMED'],
    ['a NUL in the path', 'GET /v1/\u0000db HTTP/1.1\r\nHost: x\r\n\r\n', 400, 'REQUEST.MALFORMED'],
    ['a broken chunked body', 'POST /v1/items HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\nZZ\r\n{}\r\n0\r\n\r\n', 400, 'REQUEST.MALFORMED'],
    ['headers over the limit', `GET /v1/db HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`, 431, 'REQUEST.HEADERS_TOO_LARGE'],
    ['raw non-ASCII in the URL', Buffer.concat([Buffer.from('GET /v1/items?q=caf'), Buffer.from([0xc3, 0xa9]), Buffer.from(' HTTP/1.1\r\nHost: x\r\n\r\n')]), 400, 'REQUEST.MALFORMED'],
    ['OPTIONS *', 'OPTIONS * HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n', 404, 'HTTP.NOT_FOUND'],
    ['an absolute URL with a broken encoding', 'GET http://x/v1/%E0%A4%A HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n', 400, 'REQUEST.INVALID_URL'],
  ])('answers %s on a raw socket', async (_name, raw, status, code) => {
    const calls = handlerCalls.length;
    const from = logger.lines.length;
    const text = await rawExchange(raw);
    const [head, body] = text.split('\r\n\r\n');
    expect(head.split('\r\n')[0]).toMatch(new RegExp(`^HTTP/1\\.1 ${status} `));
    expect(JSON.parse(body).error.code).toBe(code);
    expect(body).not.toMatch(/statusCode|FST_ERR|v1|db|E0/);
    expect(handlerCalls.length).toBe(calls);
    expect(logger.matching('error', /./, from).concat(logger.matching('warn', /database/, from))).toEqual([]); // a client's fault, and no outage
  });
});

describe('the request timeout', () => {
  it(`answers a request still running after ${REQUEST_TIMEOUT_MS} ms with 503 SERVICE.UNAVAILABLE and Retry-After`, async () => {
    const t0 = performance.now();
    const a = await send('/v1/slow?ms=30000');
    const took = performance.now() - t0;
    expect({ status: a.status, code: a.body.error?.code, retryAfter: a.headers.get('retry-after') }).toEqual({ status: 503, code: 'SERVICE.UNAVAILABLE', retryAfter: '5' });
    expect(took).toBeGreaterThanOrEqual(REQUEST_TIMEOUT_MS - 50);
    expect(took).toBeLessThan(REQUEST_TIMEOUT_MS + 5000);
    expect((await send('/v1/slow?ms=1')).status).toBe(200); // the app goes on
  });

  it('answers a body that never arrives in full the same way', async () => {
    const text = await rawExchange('POST /v1/items HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"descr');
    expect(text).toMatch(/^HTTP\/1\.1 503 /);
    expect(text).toMatch(/retry-after: 5/i);
    expect(JSON.parse(text.split('\r\n\r\n')[1]).error.code).toBe('SERVICE.UNAVAILABLE');
  });
});
