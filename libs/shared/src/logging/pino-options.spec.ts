import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import pinoHttp from 'pino-http';
import { pinoHttpOptions } from './pino-options';

/** pino-http with the services' options, writing its JSON lines into an array. */
function capture(logRequests: 'all' | 'errors' = 'all') {
  const lines: Array<Record<string, unknown>> = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      for (const l of chunk.toString('utf8').split('\n')) {
        if (l) lines.push(JSON.parse(l) as Record<string, unknown>);
      }
      done();
    },
  });
  const http = pinoHttp(pinoHttpOptions('test', { LOG_LEVEL: 'info', LOG_REQUESTS: logRequests }), sink);
  return { lines, http, text: () => JSON.stringify(lines) };
}

describe('pino options: personal data never reaches a line', () => {
  it('replaces tokens, identifiers and contact data by key at any depth, and masks them in text', () => {
    const { http, lines, text } = capture();
    http.logger.info(
      {
        headers: { authorization: 'Bearer abc.def.ghi', cookie: 's=1' },
        applicant: { idNumber: 'A-not-a-pattern', phone: 'call me', contact: { mobile: 'x', certNo: 'y' } },
        deep: { a: { b: { c: { certKey: 'k', privateKey: 'p', password: 'pw', token: 't' } } } },
        note: '申请人 11010519491231002X 电话 13912345678',
      },
      'with %s',
      'Bearer zzz.yyy.xxx',
    );
    expect(lines).toHaveLength(1);
    for (const secret of [
      'abc.def',
      's=1',
      'A-not-a-pattern',
      'call me',
      'pw',
      '19491231',
      '1234567',
      'zzz',
    ]) {
      expect(text()).not.toContain(secret);
    }
    expect(lines[0]).toMatchObject({
      headers: { authorization: '[REDACTED]', cookie: '[REDACTED]' },
      applicant: {
        idNumber: '[REDACTED]',
        phone: '[REDACTED]',
        contact: { mobile: '[REDACTED]', certNo: '[REDACTED]' },
      },
      deep: {
        a: {
          b: {
            c: {
              certKey: '[REDACTED]',
              privateKey: '[REDACTED]',
              password: '[REDACTED]',
              token: '[REDACTED]',
            },
          },
        },
      },
      note: '申请人 110105********002X 电话 139****5678',
      service: 'test',
    });
  });

  it('censors a child logger’s bindings named like a secret', () => {
    const { http, lines, text } = capture();
    http.logger.child({ token: 'secret-token', idNumber: '11010519491231002X' }).info('bound');
    expect(text()).not.toContain('secret-token');
    expect(text()).not.toContain('19491231');
    expect(lines[0]).toMatchObject({ token: '[REDACTED]', idNumber: '[REDACTED]', msg: 'bound' });
  });

  it('logs a request as its id, method and masked URL: never its headers', async () => {
    const { http, lines, text } = capture();
    const server = createServer((req, res) => {
      http(req, res);
      res.statusCode = 404;
      res.end('{}');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    try {
      const port = (server.address() as AddressInfo).port;
      const r = await fetch(`http://127.0.0.1:${port}/persons/11010519491231002X?m=13912345678`, {
        headers: { authorization: 'Bearer header.payload.sig', 'x-correlation-id': 'corr-1' },
      });
      await r.text();
      await new Promise((res) => setImmediate(res));
    } finally {
      await new Promise<void>((r) => server.close(() => r()));
    }
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      level: 40,
      req: { id: 'corr-1', method: 'GET', url: '/persons/110105********002X?m=139****5678' },
    });
    expect(text()).not.toContain('header.payload');
    expect(text()).not.toContain('19491231');
  });
});
