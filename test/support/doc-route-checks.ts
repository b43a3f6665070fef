import { ALL_ROLES, DEPARTMENT_ROLES, Role } from '../../libs/shared/src/auth/principal';
import { testToken } from '../../libs/shared/src/testing/test-env';
import {
  DocOperation,
  fillPath,
  jsonBodySchema,
  OpenApiDocument,
  operationsOf,
  paramsOf,
  resolveSchema,
  Schema,
} from './openapi';

/** 杭州市市场监督管理局 (the seeded items' department): staff tokens act for it. */
export const STAFF_DEPT = '113301000024901620';

/** A token holding exactly one role; staff roles (clerk, approver) carry their department. */
export function roleToken(role: Role, run: string): string {
  return testToken({
    sub: `route-check-${role}-${run}`,
    roles: [role],
    name: role,
    ...(DEPARTMENT_ROLES.includes(role) ? { dept: STAFF_DEPT } : {}),
  });
}

/** Path parameter values of the right shape (that match nothing), by name; others get a plain id. */
const PATH_SAMPLES: Record<string, string> = {
  caseNo: '33010620261125000001',
  itemCode: '11330100MB0000000X400011700000001',
  licenceId: `1.2.156.3005.2.11100000000013565200X.${STAFF_DEPT}.E2E000001.001.0`,
  token: 'e30.e30.AAAA',
};
export const pathSample = (name: string) => PATH_SAMPLES[name] ?? 'X0000000000000000001';

/**
 * A plausible value for a schema: its example, first enum value, or the smallest value of its type.
 * Not necessarily accepted by the service (cross-field rules, check characters), but of the right shape.
 */
export function sampleOf(doc: OpenApiDocument, schema: Schema | undefined, depth = 0): unknown {
  const s = resolveSchema(doc, schema);
  if (s.example !== undefined) return s.example;
  if (Array.isArray(s.enum) && s.enum.length > 0) return s.enum[0];
  if (s.default !== undefined) return s.default;
  if (depth > 8) return null;
  switch (s.type) {
    case 'string':
      return 'x'.repeat(Math.max(2, Number(s.minLength ?? 0)));
    case 'number':
    case 'integer':
      return Number(s.minimum ?? 1);
    case 'boolean':
      return true;
    case 'array':
      return Array.from({ length: Math.max(1, Number(s.minItems ?? 0)) }, () =>
        sampleOf(doc, s.items as Schema, depth + 1),
      );
    default: {
      const props = (s.properties ?? {}) as Record<string, Schema>;
      return Object.fromEntries(
        Object.entries(props).map(([k, v]) => [k, sampleOf(doc, v, depth + 1)] as const),
      );
    }
  }
}

/** The query string of an operation's required query parameters, with sample values. */
export function requiredQuery(doc: OpenApiDocument, op: DocOperation): URLSearchParams {
  const q = new URLSearchParams();
  for (const p of paramsOf(op.op, 'query')) {
    if (p.required) q.set(p.name, String(sampleOf(doc, p.schema)));
  }
  return q;
}

export interface Answer {
  status: number;
  code?: string;
  body: unknown;
}

/** One request through the gateway; the answer's error code read when the body is JSON. */
export async function send(
  base: string,
  method: string,
  path: string,
  opts: { token?: string; body?: unknown } = {},
): Promise<Answer> {
  const r = await fetch(`${base}${path}`, {
    method,
    headers: {
      ...(opts.token ? { authorization: `Bearer ${opts.token}` } : {}),
      ...(opts.body !== undefined ? { 'content-type': 'application/json' } : {}),
    },
    body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
  });
  const text = await r.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    body = text;
  }
  const code = (body as { code?: unknown } | null)?.code;
  return { status: r.status, code: typeof code === 'string' ? code : undefined, body };
}

export interface DocRouteProblem {
  route: string;
  problem: string;
}

/**
 * The route checks of libs/shared/src/testing/route-checks.ts, driven by the gateway's merged OpenAPI
 * document and sent through the gateway (so they cover the proxy too):
 * - a protected operation answers 401 UNAUTHENTICATED without a token and 403 FORBIDDEN to every role
 *   its `x-roles` does not name;
 * - an operation that takes input refuses an undeclared body field, an undeclared query parameter and a
 *   NUL in a path parameter with a 4xx and a code (each defect added to an otherwise well-shaped
 *   request, with a token of a role that may call the operation; where the answer is 400
 *   VALIDATION_FAILED its details must name the undeclared field).
 * Returns what is wrong (empty when all is well), how many requests were sent and what the defects got.
 */
export async function checkDocRoutes(
  gw: string,
  doc: OpenApiDocument,
  run: string,
): Promise<{ problems: DocRouteProblem[]; requests: number; answers: Record<string, number> }> {
  const problems: DocRouteProblem[] = [];
  /** `what → status code` → how often, for the summary. */
  const answers: Record<string, number> = {};
  let requests = 0;
  const call = (method: string, path: string, opts: { token?: string; body?: unknown } = {}) => {
    requests++;
    return send(gw, method, path, opts);
  };
  for (const o of operationsOf(doc)) {
    const { op, method } = o;
    const isPublic = op['x-public'] === true;
    const roles = (op['x-roles'] ?? []) as Role[];
    const target = fillPath(o.path, (n) => encodeURIComponent(pathSample(n)));
    const query = requiredQuery(doc, o);
    const withQuery = (path: string, extra?: [string, string]) => {
      const q = new URLSearchParams(query);
      if (extra) q.set(extra[0], extra[1]);
      const s = q.toString();
      return s ? `${path}?${s}` : path;
    };
    const bodySchema = jsonBodySchema(doc, op);
    const takesBody = op.requestBody !== undefined;
    const body = bodySchema ? sampleOf(doc, bodySchema) : undefined;
    if (!isPublic) {
      if (roles.length === 0) problems.push({ route: o.key, problem: 'neither x-public nor x-roles' });
      const anon = await call(method, withQuery(target), { body });
      if (anon.status !== 401 || anon.code !== 'UNAUTHENTICATED') {
        problems.push({ route: o.key, problem: `without a token: ${anon.status} ${anon.code}` });
      }
      for (const role of ALL_ROLES.filter((r) => !roles.includes(r))) {
        const r = await call(method, withQuery(target), { token: roleToken(role, run), body });
        if (r.status !== 403 || r.code !== 'FORBIDDEN') {
          problems.push({ route: o.key, problem: `as ${role}: ${r.status} ${r.code}` });
        }
      }
    }
    const callers: Array<{ as: string; token?: string }> = isPublic
      ? [{ as: '' }]
      : roles.map((r) => ({ as: ` (as ${r})`, token: roleToken(r, run) }));
    const invalid: Array<[string, string, unknown, string | undefined]> = [];
    if (takesBody) {
      const extra = { ...((body as Record<string, unknown>) ?? {}), undeclaredField: 1 };
      invalid.push(['an undeclared body field', withQuery(target), extra, 'undeclaredField']);
    }
    if (paramsOf(op, 'query').length > 0) {
      invalid.push([
        'an undeclared query parameter',
        withQuery(target, ['undeclaredParam', '1']),
        body,
        'undeclaredParam',
      ]);
    }
    if (paramsOf(op, 'path').length > 0) {
      invalid.push(['a NUL in a path parameter', withQuery(fillPath(o.path, () => 'X%00')), body, undefined]);
    }
    for (const { as, token } of callers) {
      for (const [what, path, b, field] of invalid) {
        const r = await call(method, path, { token, body: b });
        const seen = `${what} → ${r.status} ${r.code}`;
        answers[seen] = (answers[seen] ?? 0) + 1;
        if (r.status < 400 || r.status >= 500 || !r.code) {
          problems.push({ route: o.key, problem: `${what}${as}: ${r.status} ${r.code}` });
        } else if (
          field &&
          r.code === 'VALIDATION_FAILED' &&
          !JSON.stringify((r.body as { details?: unknown }).details ?? '').includes(field)
        ) {
          problems.push({ route: o.key, problem: `${what}${as}: 400 whose details do not name ${field}` });
        }
      }
    }
  }
  return { problems, requests, answers };
}
