import { ClassTransformOptions, TransformationType } from 'class-transformer';
import { defaultOptions } from 'class-transformer/cjs/constants/default-options.constant';
import { ValidationArguments } from 'class-validator';
import { ClassPlan, Conversion, planFor, Rule } from './validation-plan';

/**
 * A fast path for `plainToInstance` + class-validator with `whitelist: true` — event contracts
 * (`validateContract`: validateSync, forbidUnknownValues off) and request bodies (the global ValidationPipe:
 * forbidNonWhitelisted, forbidUnknownValues on).
 *
 * class-transformer and class-validator interpret a class's decorators anew for every object: they look up
 * type, expose and transform metadata per key, filter rule lists per property, build a ValidationError per
 * property and look the constraint up again for every rule. For an event of 25 fields that is ~100 µs, and a
 * case crosses ~27 validations. The rules themselves (the regex, the `isIn`) are a few per cent of that.
 *
 * Here the same metadata is read once per class into a plan, and the SAME constraint objects
 * (`validate(value, args)`) are called with the same arguments. The fast path answers only when it can
 * prove the answer is the reference's:
 * - it returns an instance built as `plainToInstance` builds it (`new Class()`, keys in the payload's order,
 *   `@Type` classes for nested objects and array elements, `@Type(() => Number | Boolean | String)`
 *   conversions, `@Transform` functions, plain copies elsewhere) when every rule holds and the payload has no
 *   key the class does not declare (so whitelisting would strip or refuse nothing);
 * - it returns `undefined` otherwise — a broken rule, an undeclared key, a value that is not plain JSON
 *   (Date, Map, class instance, promise), a class using decorators it does not model (`@Expose`,
 *   `@Exclude`, discriminators, `@Type(() => Date)`, async rules, promise validation, field defaults, no
 *   rules at all). The caller then runs class-transformer and class-validator, which decide and word the
 *   errors exactly as before.
 * Being stricter than the reference is therefore safe (it only costs the slow path); accepting what the
 * reference refuses, or building a different instance, would not be — compiled-validation.spec.ts compares
 * both on every hot contract with systematic mutations, and the unit and integration suites run with the
 * shadow check (`setCompiledValidationShadowCheck`) that compares them on every event and request body.
 */

const OBJECT_NAMES = new Set(Object.getOwnPropertyNames(Object.prototype));
/** Thrown inside the fast path: "not provable here, ask the reference" (one object, no stack to capture). */
const GIVE_UP = new Error('compiled validation gives up');

/** A JSON object: Object's prototype, or none (Fastify's query objects); never a thenable. */
function isPlainObject(value: object): boolean {
  const proto: unknown = Object.getPrototypeOf(value);
  return (
    (proto === Object.prototype || proto === null) && typeof (value as { then?: unknown }).then !== 'function'
  );
}

/** The options plainToInstance passes to @Transform functions when called without options. */
const TRANSFORM_OPTIONS: ClassTransformOptions = { ...defaultOptions };

/** class-transformer's conversion: arrays element by element, null and undefined kept, objects not modelled. */
function convert(value: unknown, to: Conversion): unknown {
  if (Array.isArray(value)) return value.map((v) => convert(v, to));
  if (value === null || value === undefined) return value;
  if (typeof value === 'object') throw GIVE_UP;
  return to(value);
}

/** plainToInstance for one value whose target class (if any) is `plan`. */
function transform(value: unknown, plan: ClassPlan | Conversion | undefined): unknown {
  if (typeof plan === 'function') return convert(value, plan);
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => transform(v, plan));
  if (!isPlainObject(value)) throw GIVE_UP;
  const source = value as Record<string, unknown>;
  if (!plan) {
    const copy: Record<string, unknown> = {};
    for (const key of Object.keys(source)) {
      if (OBJECT_NAMES.has(key)) throw GIVE_UP;
      copy[key] = transform(source[key], undefined);
    }
    return copy;
  }
  const instance = new plan.ctor() as Record<string, unknown>;
  for (const key of Object.keys(source)) {
    if (!plan.declared.has(key)) throw GIVE_UP; // whitelisting would strip it (consumer) or refuse it (producer)
    let value = transform(source[key], plan.types.get(key));
    for (const fn of plan.transforms.get(key) ?? []) {
      value = fn({
        value,
        key,
        obj: source,
        type: TransformationType.PLAIN_TO_CLASS,
        options: TRANSFORM_OPTIONS,
      });
    }
    instance[key] = value;
  }
  return instance;
}

function rulesHold(object: object, value: unknown, rules: Rule[], targetName: string): boolean {
  for (const rule of rules) {
    if (rule.validateIf && !rule.validateIf(object, value)) continue;
    const args: ValidationArguments = {
      targetName,
      property: rule.property,
      object,
      value,
      constraints: rule.constraints,
    };
    const many = rule.each && Array.isArray(value);
    for (const validate of rule.validators) {
      if (many) {
        for (const item of value as unknown[]) if (validate(item, args) !== true) return false;
      } else if (validate(value, args) !== true) return false;
    }
  }
  return true;
}

function isValidInstance(item: unknown, plan: ClassPlan): boolean {
  return (
    item !== null &&
    typeof item === 'object' &&
    Object.getPrototypeOf(item) === plan.ctor.prototype &&
    holds(item, plan)
  );
}

/** @ValidateNested: an object of the class, or an array of them (class-validator skips undefined elements). */
function nestedHolds(value: unknown, plan: ClassPlan): boolean {
  if (value === undefined) return true;
  if (!Array.isArray(value)) return isValidInstance(value, plan);
  return (value as unknown[]).every((item) => item === undefined || isValidInstance(item, plan));
}

/** validateSync's verdict for an instance `transform` built. */
function holds(object: object, plan: ClassPlan): boolean {
  const record = object as Record<string, unknown>;
  for (const property of plan.properties) {
    const value = record[property.name];
    if (!property.conditions.every((condition) => condition(object, value))) continue;
    if (!rulesHold(object, value, property.rules, plan.name)) return false;
    if (property.nested && !nestedHolds(value, property.nested)) return false;
  }
  return true;
}

/**
 * The instance `plainToInstance(ctor, payload)` builds, when class-validator with `whitelist: true`
 * provably finds nothing — with or without forbidNonWhitelisted and forbidUnknownValues, sync or async (a
 * class with async rules or without rules has no plan); otherwise `undefined`, and the caller asks
 * class-transformer and class-validator.
 */
export function compiledValidInstance<T extends object>(ctor: new () => T, payload: object): T | undefined {
  const plan = planFor(ctor);
  if (!plan || !isPlainObject(payload)) return undefined;
  let instance: object;
  try {
    instance = transform(payload, plan) as object;
  } catch (e) {
    if (e === GIVE_UP) return undefined;
    throw e;
  }
  return holds(instance, plan) ? (instance as T) : undefined;
}

export { hasCompiledPlan } from './validation-plan';
export * from './validation-shadow';
