import { createHash } from 'node:crypto';
import type { AsyncApiDocument } from './asyncapi';
import { JsonSchema, SCHEMA_REF_PREFIX } from './json-schema';

/**
 * The versioning rule of the event contracts, as data:
 * - `shape`: a hash of the payload's REQUIRED structure (each required field's name, JSON type, code list
 *   (`enum`), and the same for nested objects and array items, recursively). Removing, renaming or retyping
 *   a required field, changing its codes, or making an optional field required changes it;
 * - `optional`: a hash per optional field of its type and codes (null aside). Adding an optional field is
 *   compatible (consumers drop fields they do not know); retyping one or changing its codes is not.
 * Lengths, patterns, ranges and descriptions are not part of the shape: tightening them is the producer's
 * business, and they are documented in the schema.
 */
export interface ContractShape {
  shape: string;
  optional: Record<string, string>;
}

/** `contract-shapes.lock.json`: topic → its recorded shape. */
export type ShapeLock = Record<string, ContractShape>;

const hash = (v: unknown) => `sha256:${createHash('sha256').update(JSON.stringify(v)).digest('hex')}`;

type Resolver = (s: JsonSchema) => JsonSchema;

function resolver(doc: AsyncApiDocument): Resolver {
  return (s) => {
    const ref = s.$ref;
    if (typeof ref !== 'string') return s;
    if (!ref.startsWith(SCHEMA_REF_PREFIX)) throw new Error(`unsupported $ref ${ref}`);
    const target = doc.components.schemas[ref.slice(SCHEMA_REF_PREFIX.length)];
    if (!target) throw new Error(`dangling $ref ${ref}`);
    return target;
  };
}

const sorted = (v: unknown[]) => [...v].map((x) => JSON.stringify(x)).sort();

/** The compatibility-relevant structure of one value schema (null allowed or not is left aside). */
function structure(schema: JsonSchema, resolve: Resolver, depth = 0): unknown {
  if (depth > 20) throw new Error('schema nests too deeply');
  let s = resolve(schema);
  if (Array.isArray(s.oneOf)) {
    const nonNull = (s.oneOf as JsonSchema[]).filter((x) => x.type !== 'null');
    if (nonNull.length === 1) s = resolve(nonNull[0]);
  }
  const types = (Array.isArray(s.type) ? (s.type as string[]) : [s.type]).filter(
    (t) => t !== undefined && t !== 'null',
  );
  const out: Record<string, unknown> = { type: types.sort() };
  if (Array.isArray(s.enum)) out.enum = sorted((s.enum as unknown[]).filter((x) => x !== null));
  if (s.items) out.items = structure(s.items as JsonSchema, resolve, depth + 1);
  if (s.properties) {
    const props = s.properties as Record<string, JsonSchema>;
    const required = new Set((s.required as string[] | undefined) ?? []);
    out.required = Object.fromEntries(
      Object.keys(props)
        .filter((p) => required.has(p))
        .sort()
        .map((p) => [p, structure(props[p], resolve, depth + 1)]),
    );
  } else if (s.additionalProperties && typeof s.additionalProperties === 'object') {
    out.values = structure(s.additionalProperties as JsonSchema, resolve, depth + 1);
  }
  return out;
}

/** The shape of every topic's payload in the document (dead-letter channels have no contract). */
export function contractShapes(doc: AsyncApiDocument): ShapeLock {
  const resolve = resolver(doc);
  const out: ShapeLock = {};
  for (const channel of Object.values(doc.channels)) {
    if (channel['x-dead-letters-of']) continue;
    const [ref] = Object.values(channel.messages);
    const message = doc.components.messages[ref.$ref.split('/').pop() ?? ''];
    const payload = resolve(message.payload);
    const props = (payload.properties ?? {}) as Record<string, JsonSchema>;
    const required = new Set((payload.required as string[] | undefined) ?? []);
    out[channel.address] = {
      shape: hash(structure(payload, resolve)),
      optional: Object.fromEntries(
        Object.keys(props)
          .filter((p) => !required.has(p))
          .sort()
          .map((p) => [p, hash(structure(props[p], resolve))]),
      ),
    };
  }
  return out;
}

/** `intake.case.completed.v1` → `intake.case.completed.v2`. */
export function nextVersion(topic: string): string {
  const m = /^(.*)\.v(\d+)$/.exec(topic);
  if (!m) throw new Error(`${topic} has no .v<N> suffix`);
  return `${m[1]}.v${Number(m[2]) + 1}`;
}

/**
 * What breaks the rule, comparing the current shapes with the lock: an empty list when all is well.
 * A changed shape of a recorded version is a breaking change; a topic or optional field missing from the
 * lock must be recorded (`npm run asyncapi -- --update-lock`).
 */
export function shapeProblems(lock: ShapeLock, current: ShapeLock): string[] {
  const problems: string[] = [];
  for (const [topic, now] of Object.entries(current)) {
    const was = lock[topic];
    if (!was) {
      problems.push(`${topic} is not in contract-shapes.lock.json: run npm run asyncapi -- --update-lock`);
      continue;
    }
    const breaking: string[] = [];
    if (was.shape !== now.shape) breaking.push('its required fields (names, types or codes)');
    for (const [field, h] of Object.entries(was.optional)) {
      if (now.optional[field] !== undefined && now.optional[field] !== h) {
        breaking.push(`the type or codes of optional field ${field}`);
      }
    }
    if (breaking.length > 0) {
      problems.push(
        `contract ${topic} changed shape without a new version (${breaking.join('; ')}): ` +
          `add ${nextVersion(topic)} (a new topic and contract class) and keep ${topic} as it was`,
      );
    }
    const unrecorded = Object.keys(now.optional).filter((f) => was.optional[f] === undefined);
    if (unrecorded.length > 0) {
      problems.push(
        `${topic} has optional fields not in contract-shapes.lock.json (${unrecorded.join(', ')}): ` +
          'run npm run asyncapi -- --update-lock',
      );
    }
  }
  return problems;
}

/**
 * The lock with new topics and new optional fields added; refuses (throws) to overwrite the recorded
 * shape of an existing version. Removed optional fields stay recorded (re-adding one with another type
 * is still a breaking change). Topics no longer published stay recorded too: a version is never reused.
 */
export function updateLock(lock: ShapeLock, current: ShapeLock): ShapeLock {
  const breaking = shapeProblems(lock, current).filter((p) => p.startsWith('contract '));
  if (breaking.length > 0) throw new Error(breaking.join('\n'));
  const out: ShapeLock = { ...lock };
  for (const [topic, now] of Object.entries(current)) {
    const was = lock[topic];
    out[topic] = was
      ? { shape: was.shape, optional: sortObject({ ...now.optional, ...was.optional }) }
      : { shape: now.shape, optional: sortObject(now.optional) };
  }
  return sortObject(out);
}

function sortObject<T>(o: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.entries(o).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
