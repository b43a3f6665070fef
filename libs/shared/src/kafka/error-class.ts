import { ContractViolationError } from '../contracts/registry';
import { NonRetryableError } from './inbound-event';

/**
 * What a consumer does with a handler error:
 * - `permanent`: no retry can fix it (bad payload, a constraint or data error, a bug in SQL) → `.dlq` now;
 * - `transient`: the service's own infrastructure is away (database down or restarting, connection
 *   lost, too many connections, serialization failure, deadlock) → retry with capped backoff for as long
 *   as it takes, the partition waiting in order: dead-lettering would only move an outage into the DLQ;
 * - `retryable`: anything else → a bounded number of retries, then `.dlq` (RETRIES_EXHAUSTED).
 */
export type ErrorClass = 'permanent' | 'transient' | 'retryable';

const TRANSIENT_ERRNO = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
]);
const TRANSIENT_MESSAGE =
  /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|the database system is (starting up|shutting down|in recovery mode)/i;

/** SQLSTATE of a PostgreSQL error, directly or as TypeORM's QueryFailedError.driverError. */
function sqlState(e: unknown): string | undefined {
  const o = e as { code?: unknown; driverError?: { code?: unknown } } | null;
  const code = o?.driverError?.code ?? o?.code;
  return typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) ? code : undefined;
}

function errno(e: unknown): string | undefined {
  const o = e as { code?: unknown; driverError?: { code?: unknown } } | null;
  const code = o?.code ?? o?.driverError?.code;
  return typeof code === 'string' && /^E[A-Z]+$/.test(code) ? code : undefined;
}

export function classifyError(e: unknown): ErrorClass {
  if (e instanceof NonRetryableError || e instanceof ContractViolationError) return 'permanent';
  const state = sqlState(e);
  if (state) {
    const cls = state.slice(0, 2);
    // 08 connection exception, 53 insufficient resources, 55 not in prerequisite state (database not
    // accepting connections, lock not available), 57 operator intervention (admin shutdown, crash
    // shutdown, cannot connect now), 40001 serialization failure, 40P01 deadlock.
    if (['08', '53', '55', '57'].includes(cls) || state === '40001' || state === '40P01') return 'transient';
    // 22 data exception, 23 integrity violation (but a unique violation may be a race a retry resolves),
    // 42 syntax error or undefined object (a bug: replay from the DLQ after the fix).
    if (cls === '22' || cls === '42' || (cls === '23' && state !== '23505')) return 'permanent';
    return 'retryable';
  }
  const no = errno(e);
  if (no && TRANSIENT_ERRNO.has(no)) return 'transient';
  if (e instanceof Error && TRANSIENT_MESSAGE.test(e.message)) return 'transient';
  return 'retryable';
}

/**
 * Kafka's refusals that concern one record rather than the cluster: sending it again cannot succeed until an
 * operator acts (creates the topic, grants the ACL, fixes the row). Looked for along the error's cause chain
 * (kafkajs wraps the protocol error once its retries are spent).
 */
const ROW_SPECIFIC_ERRORS = new Set([
  'MESSAGE_TOO_LARGE',
  'RECORD_LIST_TOO_LARGE',
  'INVALID_RECORD',
  'CORRUPT_MESSAGE',
  'UNKNOWN_TOPIC_OR_PARTITION',
  'INVALID_TOPIC_EXCEPTION',
  'TOPIC_AUTHORIZATION_FAILED',
]);

export function isRowSpecificKafkaError(e: unknown): boolean {
  for (let cur: unknown = e, depth = 0; cur && depth < 5; depth++) {
    const err = cur as { type?: unknown; name?: unknown; cause?: unknown; originalError?: unknown };
    if (typeof err.type === 'string' && ROW_SPECIFIC_ERRORS.has(err.type)) return true;
    if (err.name === 'KafkaJSTopicMetadataNotLoaded') return true;
    cur = err.cause ?? err.originalError;
  }
  return false;
}
