/**
 * Keys whose values never reach a log line, at any depth (tokens, personal identifiers, contact data):
 * `scrubValue` replaces them with `[REDACTED]`. Applied when a line is written, not to every request's
 * child logger (pino's own path redaction ran over each request's bindings, logged or not).
 */
export const REDACTED_KEYS: ReadonlySet<string> = new Set([
  'authorization',
  'cookie',
  'x-api-key',
  'token',
  'accessToken',
  'password',
  'idNumber',
  'certNo',
  'certKey',
  'phone',
  'mobile',
  'privateKey',
]);

export const REDACTED = '[REDACTED]';

// 18-char 公民身份号码 (last may be X), first-generation 15-digit ones, and 11-digit mainland mobile
// numbers, wherever they appear in text.
const ID_RE = /(?<![0-9A-Za-z])([1-9]\d{5})(\d{8})(\d{3}[\dXx])(?![0-9A-Za-z])/g;
const ID15_RE = /(?<![0-9A-Za-z])([1-9]\d{5})(\d{6})(\d{3})(?![0-9A-Za-z])/g;
const PHONE_RE = /(?<!\d)(1[3-9]\d)(\d{4})(\d{4})(?!\d)/g;
const BEARER_RE = /Bearer\s+[A-Za-z0-9._~+/=-]+/g;

/** Masks ID numbers, phone numbers and bearer tokens inside free text. */
export function scrubText(s: string): string {
  return s
    .replace(ID_RE, (_m, a: string, _b: string, c: string) => `${a}********${c.slice(-4)}`)
    .replace(ID15_RE, (_m, a: string, _b: string, c: string) => `${a}******${c}`)
    .replace(PHONE_RE, (_m, a: string, _b: string, c: string) => `${a}****${c}`)
    .replace(BEARER_RE, 'Bearer [REDACTED]');
}

/**
 * Deep copy with every string scrubbed and every `REDACTED_KEYS` value replaced (bounded depth: anything
 * deeper is dropped, never logged raw).
 */
export function scrubValue(value: unknown, depth = 0, seen = new WeakSet<object>()): unknown {
  if (typeof value === 'string') return scrubText(value);
  if (value === null || typeof value !== 'object') return value;
  if (depth > 6) return '[Truncated]';
  if (value instanceof Error) {
    return {
      type: value.name,
      message: scrubText(value.message),
      stack: value.stack && scrubText(value.stack),
    };
  }
  if (seen.has(value)) return '[Circular]';
  seen.add(value);
  if (Array.isArray(value)) return value.map((v) => scrubValue(v, depth + 1, seen));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    out[k] = REDACTED_KEYS.has(k) && v !== undefined ? REDACTED : scrubValue(v, depth + 1, seen);
  }
  return out;
}
