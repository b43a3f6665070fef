import fc from 'fast-check';
import { pathSample, sampleOf } from './doc-route-checks';
import {
  DocOperation,
  fillPath,
  jsonBodySchema,
  OpenApiDocument,
  paramsOf,
  resolveSchema,
  Schema,
} from './openapi';

/**
 * fast-check arbitraries for hostile requests, derived from an operation of the OpenAPI document:
 * bodies that are almost valid (one field missing, of the wrong type, too long, with NUL / lone
 * surrogates / control characters), deep nesting, extra keys, arrays instead of objects, non-JSON;
 * path parameters with percent-encoded junk, dot segments, very long or non-ASCII text; query strings
 * with wrong-typed, repeated and undeclared parameters.
 */

/** A request as sent on the wire: the raw path (with query), headers and body bytes. */
export interface HostileRequest {
  method: string;
  /** Raw request target: visible ASCII, sent byte for byte. */
  path: string;
  /** The role whose token is sent (none for public operations). */
  role?: string;
  contentType?: string;
  /** Declared header parameters (e.g. Idempotency-Key), valid or hostile. */
  headers?: Record<string, string>;
  body?: string | Buffer;
}

// ---------------------------------------------------------------------------------------------------
// Encoding

/** UTF-8 of each code point; a lone surrogate encoded as its 3 bytes too (WTF-8: invalid UTF-8). */
export function wtf8(s: string): number[] {
  const bytes: number[] = [];
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    if (cp < 0x80) bytes.push(cp);
    else if (cp < 0x800) bytes.push(0xc0 | (cp >> 6), 0x80 | (cp & 0x3f));
    else if (cp < 0x10000) bytes.push(0xe0 | (cp >> 12), 0x80 | ((cp >> 6) & 0x3f), 0x80 | (cp & 0x3f));
    else {
      bytes.push(
        0xf0 | (cp >> 18),
        0x80 | ((cp >> 12) & 0x3f),
        0x80 | ((cp >> 6) & 0x3f),
        0x80 | (cp & 0x3f),
      );
    }
  }
  return bytes;
}

/** Percent-encodes everything but unreserved characters (so any string becomes a legal raw target). */
export function pct(s: string): string {
  return wtf8(s)
    .map((b) =>
      /[A-Za-z0-9\-._~]/.test(String.fromCharCode(b))
        ? String.fromCharCode(b)
        : `%${b.toString(16).toUpperCase().padStart(2, '0')}`,
    )
    .join('');
}

// ---------------------------------------------------------------------------------------------------
// Values

const NASTY_STRINGS = [
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '\ud800',
  'x\udfffy',
  '\udc00\ud800',
  '\u0007\u001b[31mred',
  '\r\nX-Injected: 1',
  '\u202egnp.exe',
  '\ufeff',
  '\u2028\u2029',
  '\u00ad\u200b',
  '<script>alert(1)</script>',
  "' OR 1=1 --",
  '${jndi:ldap://x/a}',
  '{{7*7}}',
  '../../../etc/passwd',
  '%00',
  '%ED%A0%80',
  'null',
  'undefined',
  '__proto__',
  '0',
  '-1',
  '1e309',
  'NaN',
  '😀',
  '中文名称',
  'Ａ全角',
];

/** Strings a validator must survive. */
export const hostileString: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...NASTY_STRINGS) },
  { weight: 2, arbitrary: fc.string({ maxLength: 40 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  {
    weight: 1,
    arbitrary: fc
      .array(fc.integer({ min: 0, max: 31 }), { minLength: 1, maxLength: 8 })
      .map((cs) => `a${String.fromCharCode(...cs)}b`),
  },
  {
    weight: 1,
    arbitrary: fc
      .tuple(
        fc.string({ maxLength: 5 }),
        fc.integer({ min: 0xd800, max: 0xdfff }),
        fc.string({ maxLength: 5 }),
      )
      .map(([a, s, b]) => `${a}${String.fromCharCode(s)}${b}`),
  },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.constantFrom(600, 1_001, 5_000, 20_000, 70_000), fc.constantFrom('x', '中', '\u0000', '😀'))
      .map(([n, c]) => c.repeat(n)),
  },
);

const hostileNumber: fc.Arbitrary<number> = fc.oneof(
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.constantFrom(0, -0, -1, 0.5, 1e308, -1e308, 2 ** 53 + 1, 2 ** 31, 4, 1e21),
);

export const hostileScalar: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 3, arbitrary: hostileString },
  { weight: 2, arbitrary: hostileNumber },
  { weight: 1, arbitrary: fc.boolean() },
  { weight: 1, arbitrary: fc.constant(null) },
);

const hostileKey: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    '__proto__',
    'constructor',
    'prototype',
    'hasOwnProperty',
    '',
    '\u0000',
    '\ud800',
    'a.b',
    '$where',
  ),
  fc.string({ maxLength: 12 }),
);

/** Any JSON value with hostile leaves and keys (depth ≤ 4). */
export const hostileJson: fc.Arbitrary<unknown> = fc.letrec<{ v: unknown }>((tie) => ({
  v: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    hostileScalar,
    fc.array(tie('v'), { maxLength: 4 }),
    fc.dictionary(hostileKey, tie('v'), { maxKeys: 4 }),
  ),
})).v;

/** `{"a":{"a":…}}` or `[[…]]` up to 20 levels deep around a hostile leaf. */
export const deepNesting: fc.Arbitrary<unknown> = fc
  .tuple(fc.integer({ min: 1, max: 20 }), fc.boolean(), hostileScalar)
  .map(([depth, arrays, leaf]) => {
    let v: unknown = leaf;
    for (let i = 0; i < depth; i++) v = arrays ? [v] : { a: v };
    return v;
  });

/** A value of the wrong type for `s` (or hostile within the type: too long, out of range, not in enum). */
function wrongFor(s: Schema): fc.Arbitrary<unknown> {
  const within: Array<fc.Arbitrary<unknown>> = [];
  if (s.type === 'string') {
    if (typeof s.maxLength === 'number') within.push(fc.constant('x'.repeat(s.maxLength + 1)));
    if (typeof s.minLength === 'number' && s.minLength > 0) {
      within.push(fc.constant('x'.repeat(s.minLength - 1)));
    }
    if (Array.isArray(s.enum)) {
      within.push(fc.constantFrom(`${String(s.enum[0])} `, String(s.enum[0]).toLowerCase() + 'x'));
    }
  }
  if (s.type === 'number' || s.type === 'integer') {
    if (typeof s.minimum === 'number') within.push(fc.constant(s.minimum - 1));
    if (typeof s.maximum === 'number') within.push(fc.constant(s.maximum + 1), fc.constant(s.maximum + 0.5));
    within.push(fc.constantFrom('1', '1.5', true, []));
  }
  if (s.type === 'array' && typeof s.maxItems === 'number') {
    within.push(fc.constant(Array.from({ length: s.maxItems + 1 }, () => 'x')));
  }
  return within.length > 0
    ? fc.oneof(fc.oneof(...within), hostileScalar, hostileJson, deepNesting)
    : fc.oneof(hostileScalar, hostileJson, deepNesting);
}

const MISSING = Symbol('missing');

/**
 * Values derived from a schema: mostly its valid sample, sometimes replaced by a wrong or hostile value,
 * with object fields sometimes dropped and extra keys sometimes added (recursively).
 */
export function mutantOf(doc: OpenApiDocument, schema: Schema | undefined, depth = 0): fc.Arbitrary<unknown> {
  const s = resolveSchema(doc, schema);
  const sample = sampleOf(doc, s);
  if (depth > 5) return fc.constant(sample);
  if (s.type === 'object' || s.properties) {
    const props = Object.entries((s.properties ?? {}) as Record<string, Schema>);
    const fields = Object.fromEntries(
      props.map(([k, v]) => [
        k,
        fc.oneof(
          { weight: 4, arbitrary: mutantOf(doc, v, depth + 1) },
          { weight: 1, arbitrary: fc.constant<unknown>(MISSING) },
        ),
      ]),
    );
    return fc
      .tuple(
        fc.record(fields),
        fc.oneof(
          { weight: 4, arbitrary: fc.constant({}) },
          { weight: 1, arbitrary: fc.dictionary(hostileKey, hostileJson, { minKeys: 1, maxKeys: 3 }) },
        ),
      )
      .map(([obj, extra]) => {
        const out: Record<string, unknown> = {};
        for (const [k, v] of Object.entries(obj)) if (v !== MISSING) out[k] = v;
        // defineProperty: a key named __proto__ becomes an own property (JSON.stringify then sends it).
        for (const [k, v] of Object.entries(extra)) {
          Object.defineProperty(out, k, { value: v, enumerable: true, writable: true, configurable: true });
        }
        return out;
      });
  }
  if (s.type === 'array') {
    return fc.oneof(
      { weight: 3, arbitrary: fc.array(mutantOf(doc, s.items as Schema, depth + 1), { maxLength: 3 }) },
      { weight: 2, arbitrary: fc.constant(sample) },
      { weight: 1, arbitrary: wrongFor(s) },
    );
  }
  return fc.oneof({ weight: 3, arbitrary: fc.constant(sample) }, { weight: 2, arbitrary: wrongFor(s) });
}

const GARBAGE_JSON_TEXT = [
  '',
  '{',
  '{"a":',
  '}',
  'null',
  'true',
  '0',
  '"x"',
  '[]',
  '[{}]',
  '{"a":1,"a":2}',
  '{"__proto__":{"isAdmin":true}}',
  '{"constructor":{"prototype":{"polluted":1}}}',
  '\ufeff{}',
  '{"a":"\\ud800"}',
  '{"a":"\\u0000"}',
  '{"\\u0000":1}',
  '{"a":"\\udfff\\ud800"}',
  '{"a":1e999999}',
  '{"a":-0}',
  '{"a":NaN}',
  "{'a':1}",
  '{"a":1}garbage',
  '\u0000',
  `${'['.repeat(200)}${']'.repeat(200)}`,
  `${'{"a":'.repeat(100)}1${'}'.repeat(100)}`,
];

/** The content types a JSON request is sent with (mostly right). */
const JSON_CONTENT_TYPES = fc.oneof(
  { weight: 8, arbitrary: fc.constant('application/json') },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      'application/json; charset=utf-8',
      'application/json; charset=latin1',
      'text/plain',
      'application/x-www-form-urlencoded',
      'application/pdf',
      'multipart/form-data; boundary=x',
      'application/json; charset=utf-16',
    ),
  },
  { weight: 1, arbitrary: fc.constant(undefined) },
);

/** A hostile JSON request body (text) for a body schema. */
export function hostileJsonBody(doc: OpenApiDocument, schema: Schema): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 6, arbitrary: mutantOf(doc, schema).map((v) => JSON.stringify(v)) },
    { weight: 1, arbitrary: fc.array(mutantOf(doc, schema), { maxLength: 2 }).map((v) => JSON.stringify(v)) },
    { weight: 1, arbitrary: hostileJson.map((v) => JSON.stringify(v) ?? 'null') },
    { weight: 1, arbitrary: deepNesting.map((v) => JSON.stringify(v)) },
    { weight: 1, arbitrary: fc.constantFrom(...GARBAGE_JSON_TEXT) },
  );
}

/** Bodies for the PDF upload: junk bytes, truncated/fake PDFs, JSON instead. */
const hostilePdf: fc.Arbitrary<{ contentType?: string; body?: Buffer }> = fc.oneof(
  fc.uint8Array({ maxLength: 2048 }).map((b) => ({ contentType: 'application/pdf', body: Buffer.from(b) })),
  fc
    .string({ unit: 'binary', maxLength: 200 })
    .map((s) => ({ contentType: 'application/pdf', body: Buffer.from(`%PDF-1.7\n${s}\n%%EOF`) })),
  fc.constantFrom<{ contentType?: string; body?: Buffer }>(
    { contentType: 'application/pdf', body: Buffer.alloc(0) },
    { contentType: 'application/pdf', body: undefined },
    { contentType: 'application/pdf', body: Buffer.from('%PDF-') },
    { contentType: 'application/pdf', body: Buffer.alloc(11 * 1024 * 1024, 0x20) },
    { contentType: 'application/json', body: Buffer.from('{"file":"x"}') },
    { contentType: 'text/plain', body: Buffer.from('hello') },
    { contentType: undefined, body: Buffer.from('%PDF-1.4') },
  ),
);

// ---------------------------------------------------------------------------------------------------
// Path and query

const RAW_SEGMENTS = [
  '..',
  '.',
  '%2e%2e',
  '%2E%2E',
  '.%2e',
  '%2e%2e%2f%2e%2e%2fhealth',
  '..%2F..%2Fdocs-json',
  '%',
  '%G0',
  '%zz',
  '%0',
  '%00',
  'X%00',
  '%ED%A0%80',
  '%ED%BF%BF',
  '%C0%AE%C0%AE',
  '%C0%80',
  '%FF%FE%FD',
  '%E4%B8',
  '%0D%0AX-Injected:%201',
  '%2F',
  '%5C..%5C',
  'a;b=c',
  '%20',
  '%09',
  '*',
  "'",
  '%F0%9F%98%80',
  '%E4%B8%AD%E6%96%87',
  '%EF%BC%A1',
  '1.2.156.3005.2.%00',
  '%25%30%30',
];

/** A raw (already encoded) path segment value. */
export const hostileSegment: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...RAW_SEGMENTS) },
  { weight: 3, arbitrary: hostileString.filter((s) => s.length < 3000).map(pct) },
  { weight: 1, arbitrary: fc.integer({ min: 600, max: 4000 }).map((n) => 'A'.repeat(n)) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 30 }).map(pct) },
);

/** A raw (already encoded) query value. */
const hostileQueryValue: fc.Arbitrary<string> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.constantFrom(
      '',
      '-1',
      '0',
      '1.5',
      '1e3',
      '99999999999999999999',
      'true',
      'NaN',
      '%00',
      '%',
      '%ED%A0%80',
      '%zz',
      'A'.repeat(5000),
      '%5B%5D',
      'null',
    ),
  },
  { weight: 3, arbitrary: hostileString.filter((s) => s.length < 3000).map(pct) },
  { weight: 1, arbitrary: fc.integer().map(String) },
);

const hostileQueryKey: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    'undeclared',
    '__proto__',
    'constructor',
    'page[a]',
    'page%5B%5D',
    '',
    '%00',
    'a%ED%A0%80',
    'A'.repeat(300),
  ),
  hostileString.filter((s) => s.length < 100).map(pct),
);

/** The operation's query string: declared parameters valid, hostile or absent, repeated, plus extra keys. */
export function hostileQuery(doc: OpenApiDocument, op: DocOperation): fc.Arbitrary<string> {
  const declared = paramsOf(op.op, 'query');
  const valid = (name: string) => {
    const p = declared.find((d) => d.name === name)!;
    return pct(String(sampleOf(doc, p.schema)));
  };
  const perParam = declared.map((p) =>
    fc
      .oneof(
        { weight: 2, arbitrary: fc.constant<string[]>(p.required ? [valid(p.name)] : []) },
        { weight: 2, arbitrary: fc.constant([valid(p.name)]) },
        { weight: 3, arbitrary: hostileQueryValue.map((v) => [v]) },
        { weight: 1, arbitrary: fc.array(hostileQueryValue, { minLength: 2, maxLength: 3 }) },
      )
      .map((vs) => vs.map((v) => `${pct(p.name)}=${v}`)),
  );
  const extra = fc.oneof(
    { weight: 4, arbitrary: fc.constant<string[]>([]) },
    {
      weight: 1,
      arbitrary: fc.array(
        fc.tuple(hostileQueryKey, hostileQueryValue).map(([k, v]) => `${k}=${v}`),
        { minLength: 1, maxLength: 2 },
      ),
    },
    { weight: 1, arbitrary: fc.constantFrom(['&&&'], ['='], ['=='], ['a'], ['%26=%3D']) },
  );
  return fc.tuple(fc.tuple(...perParam), extra).map(([params, more]) => {
    const parts = [...params.flat(), ...more];
    return parts.length > 0 ? `?${parts.join('&')}` : '';
  });
}

/** Header values (latin1 without control characters: what an HTTP client can send at all). */
const hostileHeaderValue: fc.Arbitrary<string> = fc.oneof(
  { weight: 2, arbitrary: fc.uuid() },
  {
    weight: 3,
    arbitrary: fc.constantFrom(
      '',
      ' ',
      'not-a-uuid',
      '00000000-0000-0000-0000-000000000000',
      'FFFFFFFF-FFFF-4FFF-BFFF-FFFFFFFFFFFF',
      'x'.repeat(200),
      'x'.repeat(8_000),
      '%00',
      "' OR 1=1 --",
      '\\u0000',
      'caf\u00e9',
      '1, 2',
    ),
  },
  {
    weight: 1,
    arbitrary: fc
      .string({ unit: 'binary-ascii', maxLength: 40 })
      .map((v) => [...v].filter((c) => c >= ' ' && c !== '\x7f').join('')),
  },
);

/**
 * Hostile requests for one operation: the roles that may call it (so the request reaches the service's
 * validation), path parameters (sometimes a real one from `known`), a hostile query and body.
 */
export function hostileRequest(
  doc: OpenApiDocument,
  op: DocOperation,
  opts: { roles: string[]; known?: Record<string, string[]> },
): fc.Arbitrary<HostileRequest> {
  const pathParams = paramsOf(op.op, 'path').map((p) => {
    const good = [...(opts.known?.[p.name] ?? []), pathSample(p.name)].map(pct);
    return fc.oneof(
      { weight: 2, arbitrary: fc.constantFrom(...good) },
      { weight: 3, arbitrary: hostileSegment },
    );
  });
  const role =
    opts.roles.length > 0 ? fc.constantFrom<string | undefined>(...opts.roles) : fc.constant(undefined);
  const bodySchema = jsonBodySchema(doc, op.op);
  const isPdf = op.op.requestBody?.content?.['application/pdf'] !== undefined;
  const body: fc.Arbitrary<{ contentType?: string; body?: string | Buffer }> = isPdf
    ? hostilePdf
    : bodySchema
      ? fc.record({ contentType: JSON_CONTENT_TYPES, body: hostileJsonBody(doc, bodySchema) })
      : fc.oneof(
          { weight: 6, arbitrary: fc.constant({}) },
          {
            weight: 1,
            arbitrary: hostileJson.map((v) => ({
              contentType: 'application/json',
              body: JSON.stringify(v) ?? '',
            })),
          },
        );
  const headerParams = (op.op.parameters ?? []).filter((p) => p.in === 'header');
  const headers = fc.tuple(
    ...headerParams.map((p) =>
      fc.option(hostileHeaderValue, { nil: undefined }).map((v) => [p.name, v] as const),
    ),
  );
  return fc
    .record({ params: fc.tuple(...pathParams), query: hostileQuery(doc, op), role, body, headers })
    .map((r) => {
      let i = 0;
      const path = fillPath(op.path, () => r.params[i++]) + r.query;
      const hs = Object.fromEntries(r.headers.filter(([, v]) => v !== undefined)) as Record<string, string>;
      return {
        method: op.method,
        path,
        role: r.role,
        ...r.body,
        ...(Object.keys(hs).length > 0 ? { headers: hs } : {}),
      };
    });
}
