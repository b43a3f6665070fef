import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsDefined,
  IsObject,
  registerDecorator,
  ValidateNested,
  ValidationArguments,
} from 'class-validator';
import { charLength, TextRule, textProblem } from './text';

const trimOne = (value: unknown): unknown => (typeof value === 'string' ? value.trim() : value);
const trim = Transform(({ value }: { value: unknown }) => trimOne(value));
const trimEach = Transform(({ value }: { value: unknown }) =>
  Array.isArray(value) ? value.map(trimOne) : value,
);

/**
 * A text field under the one text rule (text.ts): trimmed, not blank (unless `min: 0`), no NUL, no lone
 * surrogate, no control characters, single line unless `multiline`, at most `max` characters. With
 * `{ each: true }` every element of an array field follows the rule (pair it with `@IsArray()`).
 */
export function IsText(rule: TextRule, opts: { each?: boolean } = {}): PropertyDecorator {
  return (target, propertyName) => {
    (opts.each ? trimEach : trim)(target, propertyName);
    registerDecorator({
      name: 'isText',
      target: target.constructor,
      propertyName: propertyName as string,
      ...(opts.each ? { options: { each: true } } : {}),
      validator: {
        validate: (value: unknown) => textProblem(value, rule) === null,
        defaultMessage: (args?: ValidationArguments) =>
          `${args?.property ?? 'value'} ${textProblem(args?.value, rule) ?? 'is invalid'}`,
      },
    });
  };
}

/** A required nested object (a missing or non-object value is refused, never a TypeError later). */
export function NestedObject(cls: () => new () => object): PropertyDecorator {
  return (target, propertyName) => {
    IsDefined()(target, propertyName);
    IsObject()(target, propertyName);
    ValidateNested()(target, propertyName);
    Type(cls)(target, propertyName);
  };
}

/** A required array of nested objects, at most `max` long. */
export function NestedArray(cls: () => new () => object, max: number): PropertyDecorator {
  return (target, propertyName) => {
    IsArray()(target, propertyName);
    ArrayMaxSize(max)(target, propertyName);
    ValidateNested({ each: true })(target, propertyName);
    Type(cls)(target, propertyName);
  };
}

/**
 * A flat object of text values (form data): at most `maxKeys` keys matching `keyPattern`, each value a
 * string under the text rule of `value` (trimmed in place).
 */
export function IsTextMap(opts: { maxKeys: number; keyPattern: RegExp; value: TextRule }): PropertyDecorator {
  const problem = (v: unknown): string | null => {
    if (v === null || typeof v !== 'object' || Array.isArray(v)) return 'must be an object of text values';
    const entries = Object.entries(v as Record<string, unknown>);
    if (entries.length > opts.maxKeys) return `must have at most ${opts.maxKeys} fields`;
    for (const [k, val] of entries) {
      if (!opts.keyPattern.test(k) || charLength(k) > 64) {
        return `field name "${k.slice(0, 64)}" is not allowed`;
      }
      const p = textProblem(typeof val === 'string' ? val.trim() : val, { min: 0, ...opts.value });
      if (p) return `${k} ${p}`;
    }
    return null;
  };
  return (target, propertyName) => {
    Transform(({ value }: { value: unknown }) =>
      value !== null && typeof value === 'object' && !Array.isArray(value)
        ? Object.fromEntries(
            Object.entries(value as Record<string, unknown>).map(([k, v]) => [
              k,
              typeof v === 'string' ? v.trim() : v,
            ]),
          )
        : value,
    )(target, propertyName);
    IsDefined()(target, propertyName);
    registerDecorator({
      name: 'isTextMap',
      target: target.constructor,
      propertyName: propertyName as string,
      validator: {
        validate: (value: unknown) => problem(value) === null,
        defaultMessage: (args?: ValidationArguments) =>
          `${args?.property ?? 'value'}: ${problem(args?.value) ?? 'invalid'}`,
      },
    });
  };
}
