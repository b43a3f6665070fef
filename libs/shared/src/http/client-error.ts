import { randomUUID } from 'node:crypto';
import type { Socket } from 'node:net';
import { ERROR_CODES, ErrorCode } from '../errors/domain-error';
import { CORRELATION_HEADER } from '../logging/correlation';

/**
 * Answers what Node's HTTP parser refuses before any route runs (a raw non-ASCII byte or an unknown method
 * in the request line, oversized headers, a broken request) with the platform's error body and a
 * correlation id, instead of the framework's own `{error, message, statusCode}`.
 */
export function clientErrorHandler(err: Error & { code?: string }, socket: Socket): void {
  if (err.code === 'ECONNRESET' || socket.destroyed || !socket.writable) {
    socket.destroy();
    return;
  }
  const code: ErrorCode = err.code === 'HPE_HEADER_OVERFLOW' ? 'HEADERS_TOO_LARGE' : 'MALFORMED_REQUEST';
  const { status, message } = ERROR_CODES[code];
  const correlationId = randomUUID();
  const body = JSON.stringify({ code, message, correlationId });
  const reason = status === 431 ? 'Request Header Fields Too Large' : 'Bad Request';
  socket.end(
    `HTTP/1.1 ${status} ${reason}\r\nContent-Type: application/json; charset=utf-8\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\n${CORRELATION_HEADER}: ${correlationId}\r\n` +
      `Connection: close\r\n\r\n${body}`,
  );
}
