import type { OpenAPIObject } from '@nestjs/swagger';
import { PUBLIC_PREFIX, ROUTE_PREFIXES, Upstream } from '../proxy/route-map';

type Json = unknown;
const SCHEMA_REF = '#/components/schemas/';

/** Deep copy with every `$ref` to a renamed schema rewritten. */
function renameRefs(value: Json, renames: Map<string, string>): Json {
  if (Array.isArray(value)) return value.map((v) => renameRefs(v, renames));
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, Json> = {};
  for (const [k, v] of Object.entries(value as Record<string, Json>)) {
    if (k === '$ref' && typeof v === 'string' && v.startsWith(SCHEMA_REF)) {
      const name = v.slice(SCHEMA_REF.length);
      out[k] = `${SCHEMA_REF}${renames.get(name) ?? name}`;
    } else {
      out[k] = renameRefs(v, renames);
    }
  }
  return out;
}

const same = (a: Json, b: Json): boolean => JSON.stringify(a) === JSON.stringify(b);

/**
 * One public document from the services' own: each service path that the gateway forwards (its first
 * segment in ROUTE_PREFIXES, owned by that service) appears under `/api/v1`, with its access extensions,
 * request and response schemas. Schemas with the same name and content are shared; a name that two
 * services use differently is prefixed with the service's name.
 */
export function mergeOpenApi(
  base: { title: string; description: string; version: string },
  docs: Partial<Record<Upstream, OpenAPIObject>>,
): OpenAPIObject {
  const paths: Record<string, Json> = {};
  const schemas: Record<string, Json> = {};
  const tags = new Map<string, Json>();
  for (const [service, doc] of Object.entries(docs) as Array<[Upstream, OpenAPIObject]>) {
    const renames = new Map<string, string>();
    for (const [name, schema] of Object.entries(doc.components?.schemas ?? {})) {
      if (schemas[name] === undefined || same(schemas[name], schema)) continue;
      renames.set(name, `${service}_${name}`);
    }
    for (const [name, schema] of Object.entries(doc.components?.schemas ?? {})) {
      schemas[renames.get(name) ?? name] = renameRefs(schema, renames);
    }
    for (const [path, item] of Object.entries(doc.paths ?? {})) {
      const first = path.split('/')[1] ?? '';
      if (ROUTE_PREFIXES[first] !== service) continue; // health, docs and anything not forwarded
      const ops = renameRefs(item, renames) as Record<string, Record<string, Json>>;
      for (const op of Object.values(ops)) {
        if (op && typeof op === 'object') op['x-upstream'] = service;
      }
      paths[`${PUBLIC_PREFIX}${path}`] = ops;
    }
    for (const t of doc.tags ?? []) tags.set(t.name, t);
  }
  return {
    openapi: '3.0.0',
    info: { title: base.title, description: base.description, version: base.version },
    tags: [...tags.values()] as OpenAPIObject['tags'],
    paths: Object.fromEntries(
      Object.entries(paths).sort(([a], [b]) => a.localeCompare(b)),
    ) as OpenAPIObject['paths'],
    components: {
      schemas: schemas as NonNullable<OpenAPIObject['components']>['schemas'],
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
    },
  };
}

/**
 * The merged document plus the gateway's own operations (partner webhooks, declared in full under
 * `/api/v1`), marked `x-upstream: gateway`. A schema name the services already use differently is
 * prefixed `gateway_`.
 */
export function withOwnOperations(merged: OpenAPIObject, own: OpenAPIObject | undefined): OpenAPIObject {
  if (!own) return merged;
  const schemas = { ...(merged.components?.schemas ?? {}) } as Record<string, Json>;
  const renames = new Map<string, string>();
  for (const [name, schema] of Object.entries(own.components?.schemas ?? {})) {
    if (schemas[name] !== undefined && !same(schemas[name], schema)) renames.set(name, `gateway_${name}`);
  }
  for (const [name, schema] of Object.entries(own.components?.schemas ?? {})) {
    schemas[renames.get(name) ?? name] = renameRefs(schema, renames);
  }
  const paths: Record<string, Json> = { ...merged.paths };
  for (const [path, item] of Object.entries(own.paths ?? {})) {
    if (!path.startsWith(`${PUBLIC_PREFIX}/`)) continue;
    const ops = renameRefs(item, renames) as Record<string, Record<string, Json>>;
    for (const op of Object.values(ops)) {
      if (op && typeof op === 'object') op['x-upstream'] = 'gateway';
    }
    paths[path] = ops;
  }
  const tags = new Map((merged.tags ?? []).map((t) => [t.name, t]));
  for (const t of own.tags ?? []) tags.set(t.name, t);
  return {
    ...merged,
    tags: [...tags.values()],
    paths: Object.fromEntries(
      Object.entries(paths).sort(([a], [b]) => a.localeCompare(b)),
    ) as OpenAPIObject['paths'],
    components: {
      ...merged.components,
      schemas: schemas as NonNullable<OpenAPIObject['components']>['schemas'],
    },
  };
}
