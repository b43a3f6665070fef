import { getMetadataStorage } from 'class-validator';
import type { ValidationMetadata } from 'class-validator/types/metadata/ValidationMetadata';
import type { MetadataStorage as TransformerStorage } from 'class-transformer/types/MetadataStorage';

/** A JSON Schema (draft-07, the AsyncAPI 3.0 default schema format) as plain data. */
import { maskRule, textRule } from './custom-rules';

export type JsonSchema = { [keyword: string]: unknown };

type Ctor = new () => object;

// class-transformer keeps @Type() targets in a storage it does not export from its entry point.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { defaultMetadataStorage } = require('class-transformer/cjs/storage') as {
  defaultMetadataStorage: TransformerStorage;
};

/** Where nested classes are referenced from (`#/components/schemas/<ClassName>`). */
export const SCHEMA_REF_PREFIX = '#/components/schemas/';

/**
 * The class-validator decorators the contracts use, and what each means in JSON Schema. A decorator not in
 * this list makes the conversion fail (so a new decorator cannot be silently left out of the document).
 */
const KNOWN = new Set([
  'isOptional',
  'isString',
  'isInt',
  'isNumber',
  'isBoolean',
  'isIn',
  'matches',
  'isLength',
  'maxLength',
  'minLength',
  'min',
  'max',
  'isArray',
  'arrayMinSize',
  'arrayMaxSize',
  'isIso8601',
  'isUuid',
  'isObject',
  'isDefined',
  'isText',
  'isMaskedForNaturalPerson',
]);

/** The class and its ancestors, base first (so inherited fields such as CaseRef's come first). */
function chain(cls: Ctor): Ctor[] {
  const out: Ctor[] = [];
  for (let c: unknown = cls; typeof c === 'function' && c !== Function.prototype;) {
    out.unshift(c as Ctor);
    c = Object.getPrototypeOf(c);
  }
  return out;
}

/** Own validation metadata of each class in the chain, grouped by property in declaration order. */
function propertiesOf(cls: Ctor): Map<string, ValidationMetadata[]> {
  const all = getMetadataStorage().getTargetValidationMetadatas(cls, '', true, false);
  const props = new Map<string, ValidationMetadata[]>();
  for (const c of chain(cls)) {
    for (const m of all) {
      if (m.target !== c) continue;
      const list = props.get(m.propertyName) ?? [];
      // A subclass may re-declare a field: its decorators replace the base class's.
      if (list.length > 0 && list[0].target !== c) list.length = 0;
      list.push(m);
      props.set(m.propertyName, list);
    }
  }
  return props;
}

const TYPE_OF: Record<string, string> = {
  isString: 'string',
  isText: 'string',
  matches: 'string',
  isLength: 'string',
  maxLength: 'string',
  minLength: 'string',
  isIso8601: 'string',
  isUuid: 'string',
  isMaskedForNaturalPerson: 'string',
  isInt: 'integer',
  isNumber: 'number',
  min: 'number',
  max: 'number',
  isBoolean: 'boolean',
};

function designType(cls: Ctor, prop: string): unknown {
  return Reflect.getMetadata('design:type', cls.prototype as object, prop);
}

/** The schema of one value (a field, or each element of an array field). */
function valueSchema(
  cls: Ctor,
  prop: string,
  metas: ValidationMetadata[],
  nested: (c: Ctor) => string,
): JsonSchema {
  const s: JsonSchema = {};
  const notes: string[] = [];
  const types = new Set<string>();
  let type: string | undefined;
  for (const m of metas) {
    const name = m.name ?? '';
    const c = m.constraints ?? [];
    if (m.type === 'nestedValidation') {
      const target = defaultMetadataStorage.findTypeMetadata(cls, prop)?.typeFunction() as Ctor | undefined;
      if (!target) throw new Error(`${cls.name}.${prop}: @ValidateNested without @Type()`);
      return { $ref: `${SCHEMA_REF_PREFIX}${nested(target)}` };
    }
    if (TYPE_OF[name]) types.add(TYPE_OF[name]);
    switch (name) {
      case 'isIn': {
        const values = c[0] as unknown[];
        s.enum = [...values];
        const kinds = new Set(values.map((v) => typeof v));
        if (kinds.size === 1) {
          type = kinds.has('number') ? (values.every(Number.isInteger) ? 'integer' : 'number') : 'string';
        }
        break;
      }
      case 'matches':
        s.pattern = (c[0] as RegExp).source;
        break;
      case 'isLength':
        if (typeof c[0] === 'number' && c[0] > 0) s.minLength = c[0];
        if (typeof c[1] === 'number') s.maxLength = c[1];
        break;
      case 'maxLength':
        s.maxLength = c[0];
        break;
      case 'minLength':
        s.minLength = c[0];
        break;
      case 'min':
        s.minimum = c[0];
        break;
      case 'max':
        s.maximum = c[0];
        break;
      case 'isIso8601':
        s.format = 'date-time';
        notes.push('ISO 8601 timestamp; producers send RFC 3339 in UTC (2026-11-24T08:00:00.000Z)');
        break;
      case 'isUuid':
        s.format = 'uuid';
        break;
      case 'isText': {
        const rule = textRule(m);
        if (rule.min > 0) s.minLength = rule.min;
        s.maxLength = rule.max;
        if (!rule.multiline) s.pattern = '^[^\\r\\n\\t]*$';
        notes.push(
          `text: trimmed, no control characters${rule.multiline ? '' : ', single line'}${rule.min === 0 ? ', may be empty' : ''}`,
        );
        break;
      }
      case 'isMaskedForNaturalPerson':
        notes.push("masked (110101********1234) when the holder's ID type is a natural person's");
        break;
      case 'isObject':
        types.add('object');
        break;
      default:
        break;
    }
  }
  type ??= ['integer', 'number', 'boolean', 'object', 'string'].find((t) => types.has(t));
  if (!type) {
    const dt = designType(cls, prop);
    type = dt === Number ? 'number' : dt === Boolean ? 'boolean' : dt === Object ? 'object' : 'string';
  }
  if (type === 'object' && !s.enum) s.additionalProperties = { type: 'string' };
  const out: JsonSchema = { type, ...s };
  if (notes.length > 0) out.description = notes.join('; ');
  return out;
}

/** Allows null besides the schema (an `@IsOptional()` field may be absent or null). */
function orNull(s: JsonSchema): JsonSchema {
  if (typeof s.$ref === 'string') return { oneOf: [s, { type: 'null' }] };
  const out: JsonSchema = { ...s, type: [s.type, 'null'] };
  if (Array.isArray(s.enum)) out.enum = [...(s.enum as unknown[]), null];
  return out;
}

/**
 * JSON Schemas of contract classes from their class-validator metadata. Nested classes become entries of
 * `schemas` referenced with `$ref` (`#/components/schemas/<ClassName>`). Every object is
 * `additionalProperties: false`: the producer refuses an undeclared field (registry.ts, `producer` side).
 */
export class ContractSchemas {
  readonly schemas: Record<string, JsonSchema> = {};
  private readonly byClass = new Map<Ctor, string>();

  /** Registers the class (and the classes it nests) and returns its name in `schemas`. */
  add(cls: Ctor): string {
    const known = this.byClass.get(cls);
    if (known) return known;
    if (this.schemas[cls.name]) {
      throw new Error(`two contract classes named ${cls.name}`);
    }
    this.byClass.set(cls, cls.name);
    this.schemas[cls.name] = {}; // reserved first: classes may nest each other
    this.schemas[cls.name] = this.convert(cls);
    return cls.name;
  }

  private convert(cls: Ctor): JsonSchema {
    const props = propertiesOf(cls);
    const properties: Record<string, JsonSchema> = {};
    const required: string[] = [];
    const conditions: JsonSchema[] = [];
    for (const [prop, metas] of props) {
      for (const m of metas) {
        const name = m.type === 'customValidation' ? (m.name ?? '') : (m.name ?? m.type);
        if (m.type === 'customValidation' && !KNOWN.has(name)) {
          throw new Error(`${cls.name}.${prop}: no JSON Schema mapping for @${name}`);
        }
      }
      const optional = metas.some((m) => m.type === 'conditionalValidation');
      const isArray = metas.some((m) => m.name === 'isArray');
      const nestedRef = (c: Ctor) => this.add(c);
      let schema: JsonSchema;
      if (isArray) {
        const arr: JsonSchema = { type: 'array' };
        for (const m of metas) {
          if (m.name === 'arrayMinSize') arr.minItems = m.constraints?.[0];
          if (m.name === 'arrayMaxSize') arr.maxItems = m.constraints?.[0];
        }
        const each = metas.filter((m) => m.each === true || m.type === 'nestedValidation');
        arr.items = each.length > 0 ? valueSchema(cls, prop, each, nestedRef) : {};
        schema = arr;
      } else {
        schema = valueSchema(
          cls,
          prop,
          metas.filter((m) => m.type !== 'conditionalValidation'),
          nestedRef,
        );
      }
      properties[prop] = optional ? orNull(schema) : schema;
      if (!optional) required.push(prop);
      const mask = metas.find((m) => m.name === 'isMaskedForNaturalPerson');
      if (mask) {
        const rule = maskRule(prop, mask, props);
        if (rule) conditions.push(rule);
      }
    }
    const out: JsonSchema = {
      title: cls.name,
      type: 'object',
      properties,
      required,
      additionalProperties: false,
    };
    if (conditions.length > 0) out.allOf = conditions;
    return out;
  }
}
