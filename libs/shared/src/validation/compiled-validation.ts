import { ClassTransformOptions, TransformationType, TransformFnParams } from 'class-transformer';
import { defaultOptions } from 'class-transformer/cjs/constants/default-options.constant';
import { defaultMetadataStorage } from 'class-transformer/cjs/storage';
import { getMetadataStorage, ValidationArguments, ValidationTypes } from 'class-validator';
import type { ValidationMetadata } from 'class-validator/types/metadata/ValidationMetadata';

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

type Ctor = new () => object;
/** `@Type(() => Number)` and the like: class-transformer calls the built-in on the value (query strings). */
type Conversion = typeof String | typeof Number | typeof Boolean;
const CONVERSIONS: readonly unknown[] = [String, Number, Boolean];
type Condition = (object: object, value: unknown) => boolean;
type Validate = (value: unknown, args: ValidationArguments) => unknown;

interface Rule {
  property: string;
  constraints: unknown[];
  each: boolean;
  validateIf?: Condition;
  validators: Validate[];
}

interface PropertyPlan {
  name: string;
  conditions: Condition[];
  /** IS_DEFINED rules first, then the custom ones: the order class-validator runs them in. */
  rules: Rule[];
  /** The class nested objects (or array elements) must be instances of, when the property is @ValidateNested. */
  nested?: ClassPlan;
}

interface ClassPlan {
  ctor: Ctor;
  name: string;
  /** Properties with at least one rule: what whitelisting keeps. */
  declared: Set<string>;
  /** class-transformer's @Type per declared property: a class (nested objects, array elements) or a conversion. */
  types: Map<string, ClassPlan | Conversion>;
  /** class-transformer's @Transform functions per declared property (e.g. IsText's trim), in order. */
  transforms: Map<string, Array<(params: TransformFnParams) => unknown>>;
  properties: PropertyPlan[];
}

/** No plan: the class uses something the fast path does not model. */
const UNSUPPORTED = null;

let plans = new Map<Ctor, ClassPlan | typeof UNSUPPORTED>();
let watching = false;

/** Decorators register metadata when a class is defined: any registration later drops every plan. */
function watchMetadata(): void {
  if (watching) return;
  watching = true;
  const forget = () => (plans = new Map<Ctor, ClassPlan | typeof UNSUPPORTED>());
  const validation = getMetadataStorage();
  const transformer = defaultMetadataStorage;
  for (const [storage, method] of [
    [validation, 'addValidationMetadata'],
    [validation, 'addConstraintMetadata'],
    [transformer, 'addTypeMetadata'],
    [transformer, 'addTransformMetadata'],
    [transformer, 'addExposeMetadata'],
    [transformer, 'addExcludeMetadata'],
  ] as const) {
    const target = storage as unknown as Record<string, (...args: unknown[]) => unknown>;
    const original = target[method].bind(storage);
    target[method] = (...args: unknown[]) => {
      forget();
      return original(...args);
    };
  }
}

/** Every name an instance of `ctor` inherits (methods, accessors, Object.prototype's): never a payload key. */
function inheritedNames(ctor: Ctor): Set<string> {
  const names = new Set<string>();
  for (let p: object | null = ctor.prototype as object; p; p = Object.getPrototypeOf(p) as object | null) {
    for (const n of Object.getOwnPropertyNames(p)) names.add(n);
  }
  return names;
}

function planFor(ctor: Ctor): ClassPlan | typeof UNSUPPORTED {
  watchMetadata();
  if (plans.has(ctor)) return plans.get(ctor) ?? UNSUPPORTED;
  const plan: ClassPlan = {
    ctor,
    name: ctor.name,
    declared: new Set(),
    types: new Map(),
    transforms: new Map(),
    properties: [],
  };
  plans.set(ctor, plan); // before compiling: a class nested in itself finds its plan
  if (compile(plan)) return plan;
  // A class compiled meanwhile may hold this unfinished plan (a cycle through it): drop them all; they
  // compile again on their next use, and then find this class unsupported.
  plans = new Map<Ctor, ClassPlan | typeof UNSUPPORTED>([[ctor, UNSUPPORTED]]);
  return UNSUPPORTED;
}

const MODELLED = new Set<string>([
  ValidationTypes.CUSTOM_VALIDATION,
  ValidationTypes.NESTED_VALIDATION,
  ValidationTypes.CONDITIONAL_VALIDATION,
  ValidationTypes.IS_DEFINED,
  ValidationTypes.WHITELIST,
]);

function compile(plan: ClassPlan): boolean {
  const { ctor } = plan;
  const transformer = defaultMetadataStorage;
  if (
    transformer.getStrategy(ctor) !== 'none' ||
    transformer.getExposedMetadatas(ctor).length > 0 ||
    transformer.getExcludedMetadatas(ctor).length > 0
  ) {
    return false;
  }
  const storage = getMetadataStorage();
  // The same call, with the same arguments, as validateSync's executor makes for this class.
  const metadatas = storage.getTargetValidationMetadatas(ctor, undefined as unknown as string, false, false);
  // A class without rules is an "unknown value" to class-validator's default options: not modelled.
  if (metadatas.length === 0) return false;
  const grouped: Record<string, ValidationMetadata[]> = storage.groupByPropertyName(metadatas);
  const inherited = inheritedNames(ctor);
  for (const [name, list] of Object.entries(grouped)) {
    if (list.length === 0) continue;
    if (inherited.has(name) || list.some((m) => !MODELLED.has(m.type))) return false;
    plan.declared.add(name);
    const transforms = transformer.findTransformMetadatas(ctor, name, TransformationType.PLAIN_TO_CLASS);
    // Without groups in the options, class-transformer applies only transforms without groups.
    const applied = transforms.filter((t) => !t.options?.groups?.length);
    if (applied.length > 0) {
      plan.transforms.set(
        name,
        applied.map((t) => t.transformFn),
      );
    }
    const type = transformer.findTypeMetadata(ctor, name);
    if (type) {
      if (type.options?.discriminator || type.typeFunction.length > 0) return false;
      if (type.reflectedType === Set || type.reflectedType === Map) return false;
      const target = type.typeFunction();
      if (CONVERSIONS.includes(target)) {
        plan.types.set(name, target as Conversion);
      } else {
        if (!isPlainClass(target)) return false;
        const nestedPlan = planFor(target);
        if (!nestedPlan) return false;
        plan.types.set(name, nestedPlan);
      }
    }
    const property: PropertyPlan = { name, conditions: [], rules: [] };
    for (const m of list) {
      if (m.type === ValidationTypes.CONDITIONAL_VALIDATION) {
        property.conditions.push(m.constraints[0] as Condition);
      }
    }
    for (const kind of [ValidationTypes.IS_DEFINED, ValidationTypes.CUSTOM_VALIDATION]) {
      for (const m of list.filter((x) => x.type === kind)) {
        const constraints = storage.getTargetValidatorConstraints(m.constraintCls);
        // validateSync skips async rules, the HTTP pipe's validate awaits them: neither is modelled.
        if (constraints.some((c) => c.async)) return false;
        const validators = constraints.map((c) => {
          const instance = c.instance;
          return (value: unknown, args: ValidationArguments) => instance.validate(value, args);
        });
        property.rules.push({
          property: m.propertyName,
          constraints: m.constraints,
          each: m.each,
          validateIf: m.validateIf,
          validators,
        });
      }
    }
    if (list.some((m) => m.type === ValidationTypes.NESTED_VALIDATION)) {
      const nested = plan.types.get(name);
      // Nested without a @Type class: class-validator would whitelist a plain object empty.
      if (!nested || typeof nested === 'function') return false;
      property.nested = nested;
    }
    plan.properties.push(property);
  }
  // `new Class()` defines every field the class declares; whitelisting checks those keys too.
  const fresh = new ctor();
  return Object.keys(fresh).every(
    (k) => plan.declared.has(k) && (fresh as Record<string, unknown>)[k] === undefined,
  );
}

/** Built-ins class-transformer converts to (String, Date, Buffer …) are not modelled. */
function isPlainClass(ctor: unknown): ctor is Ctor {
  return (
    typeof ctor === 'function' &&
    ![String, Number, Boolean, Date, Map, Set, Array, Object, Promise, Buffer].includes(ctor as never)
  );
}

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

/** Whether `ctor` gets the fast path at all (a class using an unmodelled decorator does not). */
export function hasCompiledPlan(ctor: new () => object): boolean {
  return planFor(ctor) !== UNSUPPORTED;
}

/** Same prototypes, same own keys in the same order, same values (Object.is), all the way down. */
export function sameInstance(a: unknown, b: unknown): boolean {
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return Object.is(a, b);
  if (Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) return false;
  const keysA = Object.keys(a);
  const keysB = Object.keys(b);
  if (keysA.length !== keysB.length || keysA.some((k, i) => k !== keysB[i])) return false;
  const ra = a as Record<string, unknown>;
  const rb = b as Record<string, unknown>;
  return keysA.every((k) => sameInstance(ra[k], rb[k]));
}

let shadowCheck = false;
const divergences: string[] = [];

/**
 * Tests turn this on (test/setup/compiled-validation-shadow.ts, integration suite): every fast answer is then
 * compared with class-transformer + class-validator's, and any difference is recorded for the suite to fail on.
 */
export function setCompiledValidationShadowCheck(on: boolean): void {
  shadowCheck = on;
}

export function compiledValidationDivergences(): readonly string[] {
  return divergences;
}

/** Called with the fast answer when the shadow check is on: the reference's instance and error count. */
export function recordIfDivergent(
  label: string,
  fast: object,
  reference: object,
  referenceErrors: number,
): void {
  if (referenceErrors > 0) divergences.push(`${label}: fast path accepted what class-validator refuses`);
  else if (!sameInstance(fast, reference)) divergences.push(`${label}: fast path built a different instance`);
}

export function compiledValidationShadowCheck(): boolean {
  return shadowCheck;
}
