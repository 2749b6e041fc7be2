import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { errorBody } from './domain.error.ts';
import { HTTP_ERRORS } from './http.errors.ts';
import { toErrorResponse } from './http-error.filter.ts';

/**
 * The router's own refusals (Fastify's `frameworkErrors`: a bad URL, a path parameter too long),
 * which it answers before any hook or Nest filter runs, in Fastify's shape and with the path in
 * the message: in ours, through the filter's own mapping, without it.
 */
export function frameworkErrors(error: unknown, _req: FastifyRequest, reply: FastifyReply): void {
  const { status, body } = toErrorResponse(error);
  void reply.code(status).send(body);
}

const SOCKET_ANSWERS: Record<string, [number, string, string]> = {
  ERR_HTTP_REQUEST_TIMEOUT: [408, HTTP_ERRORS.TIMEOUT, 'the request did not arrive in time; send it again'],
  HPE_HEADER_OVERFLOW: [431, HTTP_ERRORS.HEADERS_TOO_LARGE, 'the request headers are too large; send fewer or shorter headers'],
};
const MALFORMED: [number, string, string] = [400, HTTP_ERRORS.MALFORMED, 'the request is not valid HTTP/1.1; check its request line, headers and framing'];

/**
 * Node's parser refusing a request (bad request line, bad header, bad framing, headers too large,
 * too slow) comes to Fastify's `clientErrorHandler`, which writes a response on the socket
 * itself: the same, in our shape, then closes the connection, as the stream cannot be trusted.
 */
export function clientErrorHandler(err: NodeJS.ErrnoException, socket: Socket): void {
  if (err.code === 'ECONNRESET' || socket.destroyed) return;
  const [status, code, message] = SOCKET_ANSWERS[err.code ?? ''] ?? MALFORMED;
  const body = JSON.stringify(errorBody(code, message));
  if (socket.writable) {
    socket.write(`HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
  }
  socket.destroy(err);
}
