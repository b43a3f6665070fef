import { TransformationType, TransformFnParams } from 'class-transformer';
import { defaultMetadataStorage } from 'class-transformer/cjs/storage';
import { getMetadataStorage, ValidationArguments, ValidationTypes } from 'class-validator';
import type { ValidationMetadata } from 'class-validator/types/metadata/ValidationMetadata';

/**
 * The plans of compiled-validation.ts: a class's class-validator and class-transformer metadata read once
 * (rules, conditions, nested classes, conversions, transforms), or UNSUPPORTED when the class uses something
 * the fast path does not model.
 */

export type Ctor = new () => object;
/** `@Type(() => Number)` and the like: class-transformer calls the built-in on the value (query strings). */
export type Conversion = typeof String | typeof Number | typeof Boolean;
const CONVERSIONS: readonly unknown[] = [String, Number, Boolean];
type Condition = (object: object, value: unknown) => boolean;
type Validate = (value: unknown, args: ValidationArguments) => unknown;

export interface Rule {
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

export interface ClassPlan {
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
export const UNSUPPORTED = null;

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

export function planFor(ctor: Ctor): ClassPlan | typeof UNSUPPORTED {
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

/** Whether `ctor` gets the fast path at all (a class using an unmodelled decorator does not). */
export function hasCompiledPlan(ctor: new () => object): boolean {
  return planFor(ctor) !== UNSUPPORTED;
}
