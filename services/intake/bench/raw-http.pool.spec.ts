import net from 'node:net';
import { postRequest, RawHttpPool, type Answer } from './raw-http.pool.ts';

/** A TCP server that answers each request with `reply(requestNumber)`, written in the pieces given. */
async function serve(reply: (n: number) => string[] | null): Promise<{ port: number; connections: () => number; close: () => Promise<void> }> {
  let requests = 0;
  let connections = 0;
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    connections++;
    sockets.add(socket);
    socket.on('data', async (chunk: Buffer) => {
      for (let i = chunk.indexOf('POST '); i >= 0; i = chunk.indexOf('POST ', i + 1)) {
        for (const piece of reply(requests++) ?? []) {
          socket.write(piece);
          await new Promise((r) => setTimeout(r, 5));
        }
      }
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    port: (server.address() as net.AddressInfo).port,
    connections: () => connections,
    close: () => new Promise((r) => (sockets.forEach((s) => s.destroy()), server.close(() => r()))),
  };
}

const answer = (status: number, body: string) => `HTTP/1.1 ${status} X\r\ncontent-type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;
const request = postRequest('127.0.0.1', '/v1/alerts', { 'content-type': 'application/json' }, '{"a":"报警"}');

function send(pool: RawHttpPool): Promise<Answer> {
  return new Promise((resolve, reject) => {
    if (!pool.send(request, resolve)) reject(new Error('no connection'));
  });
}

describe('RawHttpPool', () => {
  it('reads an answer split anywhere, in UTF-8, and reuses the connection for the next request', async () => {
    const body = '{"status":"linked","note":"重复报警"}';
    const whole = answer(202, body);
    const server = await serve((n) => (n === 0 ? [whole.slice(0, 7), whole.slice(7, 40), whole.slice(40)] : [answer(400, '{}')]));
    const pool = new RawHttpPool('127.0.0.1', server.port, 4, 5_000);
    try {
      expect(await send(pool)).toEqual({ status: 202, body });
      expect(await send(pool)).toEqual({ status: 400, body: '{}' });
      expect(server.connections()).toBe(1);
    } finally {
      pool.close();
      await server.close();
    }
  });

  it('fails an answer without Content-Length, and a request without answer after the timeout', async () => {
    const server = await serve((n) => (n === 0 ? ['HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\n\r\n'] : null));
    const pool = new RawHttpPool('127.0.0.1', server.port, 4, 300);
    try {
      expect(await send(pool)).toMatchObject({ failure: 'network', message: expect.stringMatching(/without Content-Length/) });
      expect(await send(pool)).toMatchObject({ failure: 'timeout' });
    } finally {
      pool.close();
      await server.close();
    }
  });

  it('opens connections ahead, and refuses a request when all are busy and no more may be opened', async () => {
    const server = await serve(() => null);
    const pool = new RawHttpPool('127.0.0.1', server.port, 2, 5_000);
    try {
      await pool.open(5);
      for (let i = 0; i < 100 && server.connections() < 2; i++) await new Promise((r) => setTimeout(r, 10)); // the server's side of connect comes a moment later
      expect(server.connections()).toBe(2);
      expect(pool.send(request, () => undefined)).toBe(true);
      expect(pool.send(request, () => undefined)).toBe(true);
      expect(pool.send(request, () => undefined)).toBe(false);
    } finally {
      pool.close();
      await server.close();
    }
  });
});
