import { waitFor } from '../../libs/shared/src/testing/wait-for';
import { http } from './http';

/** The parts of an OpenAPI 3 document the e2e tests read (loosely typed: it comes over the wire). */
export type Schema = Record<string, any>;

export interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  schema?: Schema;
}

export interface Operation {
  'x-public'?: boolean;
  'x-roles'?: string[];
  'x-upstream'?: string;
  parameters?: Parameter[];
  requestBody?: { required?: boolean; content?: Record<string, { schema?: Schema }> };
  responses?: Record<string, { description?: string; content?: Record<string, { schema?: Schema }> }>;
}

export interface OpenApiDocument {
  openapi: string;
  paths: Record<string, Record<string, Operation>>;
  components?: { schemas?: Record<string, Schema> };
}

/** One operation of the document: `GET /api/v1/items/{itemCode}`. */
export interface DocOperation {
  key: string;
  method: string;
  path: string;
  op: Operation;
}

/** The four domain services whose operations the gateway's merged document must hold. */
export const UPSTREAM_SERVICES = ['intake', 'approval', 'certificate', 'evaluation'] as const;

const HTTP_METHODS = new Set(['get', 'put', 'post', 'delete', 'patch', 'options', 'head', 'trace']);

/** Every operation of the document, in document order. */
export function operationsOf(doc: OpenApiDocument): DocOperation[] {
  const out: DocOperation[] = [];
  for (const [path, item] of Object.entries(doc.paths ?? {})) {
    for (const [method, op] of Object.entries(item ?? {})) {
      if (!HTTP_METHODS.has(method)) continue;
      out.push({ key: `${method.toUpperCase()} ${path}`, method: method.toUpperCase(), path, op });
    }
  }
  return out;
}

/**
 * The gateway's merged `/docs-json` once it holds the operations of all four services (the gateway
 * fetches the services' documents after boot and refreshes every 2 s until each has answered).
 */
export async function fetchMergedDocument(gw: string, timeoutMs = 60_000): Promise<OpenApiDocument> {
  return waitFor(
    async () => {
      const r = await http<OpenApiDocument>('GET', `${gw}/docs-json`);
      if (r.status !== 200) return undefined;
      const upstreams = new Set(operationsOf(r.body).map((o) => o.op['x-upstream']));
      return UPSTREAM_SERVICES.every((u) => upstreams.has(u)) ? r.body : undefined;
    },
    { timeoutMs, intervalMs: 500, description: 'the merged OpenAPI document of all four services' },
  );
}

/** Follows `$ref`s (`#/components/schemas/X`) and single-element `allOf`s until a concrete schema. */
export function resolveSchema(doc: OpenApiDocument, schema: Schema | undefined): Schema {
  let s: Schema = schema ?? {};
  for (let i = 0; i < 20; i++) {
    if (typeof s.$ref === 'string') {
      const name = s.$ref.replace('#/components/schemas/', '');
      const { $ref: _ref, ...rest } = s;
      s = { ...(doc.components?.schemas?.[name] ?? {}), ...rest };
      continue;
    }
    if (Array.isArray(s.allOf) && s.allOf.length === 1) {
      const { allOf, ...rest } = s;
      s = { ...resolveSchema(doc, allOf[0] as Schema), ...rest };
      continue;
    }
    break;
  }
  return s;
}

/** The path and query parameters of an operation. */
export function paramsOf(op: Operation, where: 'path' | 'query'): Parameter[] {
  return (op.parameters ?? []).filter((p) => p.in === where);
}

/** The JSON request body schema of an operation, if it takes a JSON body. */
export function jsonBodySchema(doc: OpenApiDocument, op: Operation): Schema | undefined {
  const s = op.requestBody?.content?.['application/json']?.schema;
  return s ? resolveSchema(doc, s) : undefined;
}

/** Fills `{param}`s of a document path with `value(name)` (the caller encodes). */
export function fillPath(path: string, value: (name: string) => string): string {
  return path.replace(/\{([^}]+)\}/g, (_m, name: string) => value(name));
}
