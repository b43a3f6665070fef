import { createHash } from 'node:crypto';
import { DomainError } from '../errors/domain-error';
import { canonicalJson } from '../serialization/canonical-json';

/** The request header a client sets to make a create safe to retry (a UUID is a good value). */
export const IDEMPOTENCY_HEADER = 'idempotency-key';
/** The response header set when an earlier result is returned instead of creating again. */
export const IDEMPOTENT_REPLAYED_HEADER = 'idempotent-replayed';

const KEY_RE = /^[A-Za-z0-9_.:-]{8,100}$/;

/** The key from the header, or undefined when absent; a malformed key is a 400. */
export function parseIdempotencyKey(header: unknown): string | undefined {
  if (header === undefined) return undefined;
  if (typeof header !== 'string' || !KEY_RE.test(header)) {
    throw new DomainError('VALIDATION_FAILED', undefined, [
      {
        field: `header.${IDEMPOTENCY_HEADER}`,
        problems: ['8–100 characters of A–Z a–z 0–9 _ . : - (a UUID) / 幂等键格式不正确'],
      },
    ]);
  }
  return header;
}

/** SHA-256 of the request body in canonical JSON (key order does not matter). */
export function requestHash(body: unknown): string {
  return createHash('sha256').update(canonicalJson(body)).digest('hex');
}
