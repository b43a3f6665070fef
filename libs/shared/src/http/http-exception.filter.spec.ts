import { BadRequestException, HttpException } from '@nestjs/common';
import { runWithContext } from '../logging/correlation';
import { DomainError, ERROR_CODES } from '../errors/domain-error';
import { toErrorResponse } from './http-exception.filter';

describe('error mapping', () => {
  it('maps domain errors to their status with a stable code and the correlation id', () => {
    const r = runWithContext({ correlationId: 'c-1' }, () =>
      toErrorResponse(new DomainError('CASE_NOT_FOUND', undefined, { caseNo: 'x' })),
    );
    expect(r).toEqual({
      status: 404,
      body: {
        code: 'CASE_NOT_FOUND',
        message: ERROR_CODES.CASE_NOT_FOUND.message,
        details: { caseNo: 'x' },
        correlationId: 'c-1',
      },
    });
  });

  it('maps Fastify parser errors (bad JSON, body limit, media type)', () => {
    expect(toErrorResponse({ code: 'FST_ERR_CTP_INVALID_JSON_BODY', statusCode: 400 }).body.code).toBe(
      'MALFORMED_JSON',
    );
    expect(toErrorResponse({ code: 'FST_ERR_CTP_BODY_TOO_LARGE', statusCode: 413 })).toMatchObject({
      status: 413,
      body: { code: 'PAYLOAD_TOO_LARGE' },
    });
    expect(toErrorResponse({ code: 'FST_ERR_CTP_INVALID_MEDIA_TYPE', statusCode: 415 })).toMatchObject({
      status: 415,
      body: { code: 'UNSUPPORTED_MEDIA_TYPE' },
    });
  });

  it('maps Nest HTTP exceptions and never leaks internals of unknown errors', () => {
    expect(
      toErrorResponse(new BadRequestException('Unexpected token } in JSON at position 3')).body.code,
    ).toBe('MALFORMED_JSON');
    expect(toErrorResponse(new HttpException('nope', 404))).toMatchObject({
      status: 404,
      body: { code: 'NOT_FOUND' },
    });
    const r = toErrorResponse(new Error('connection string postgres://secret@db'));
    expect(r).toMatchObject({ status: 500, body: { code: 'INTERNAL_ERROR' } });
    expect(JSON.stringify(r.body)).not.toContain('secret');
  });

  it('has bilingual messages for every code', () => {
    for (const [code, def] of Object.entries(ERROR_CODES)) {
      expect(def.message).toMatch(/[\u4e00-\u9fff].* \/ [A-Za-z]/);
      expect(def.status).toBeGreaterThanOrEqual(400);
      expect(code).toMatch(/^[A-Z_]+$/);
    }
  });
});
