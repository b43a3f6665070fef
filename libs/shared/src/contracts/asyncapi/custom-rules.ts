/**
 * Rules of the project's own validation decorators (`@IsText`, `@IsMaskedForNaturalPerson`), which keep them in
 * closures rather than in the metadata: read back by asking the validator itself (json-schema.ts uses them).
 */
import { getMetadataStorage, ValidationArguments } from 'class-validator';
import type { ValidationMetadata } from 'class-validator/types/metadata/ValidationMetadata';
import { MASKED_ID_RE } from '../common';
import type { JsonSchema } from './json-schema';

/** The validate function of a custom decorator (registerDecorator), to probe rules it keeps to itself. */
function probe(m: ValidationMetadata): (value: unknown, object?: object) => boolean {
  const [constraint] = getMetadataStorage().getTargetValidatorConstraints(m.constraintCls);
  const instance = constraint.instance as {
    validate: (value: unknown, args: ValidationArguments) => boolean;
  };
  return (value, object = {}) =>
    instance.validate(value, {
      value,
      constraints: m.constraints ?? [],
      targetName: '',
      object,
      property: m.propertyName,
    }) === true;
}

/**
 * The text rule (validation/text.ts) of an `@IsText` field, read back from its behaviour: the decorator
 * keeps the rule in a closure, not in the metadata.
 */
export function textRule(m: ValidationMetadata): { min: number; max: number; multiline: boolean } {
  const ok = probe(m);
  let min = 0;
  while (!ok('a'.repeat(min)) && min < 1000) min++;
  let lo = min;
  let hi = 100_000;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (ok('a'.repeat(mid))) lo = mid;
    else hi = mid - 1;
  }
  return { min, max: lo, multiline: ok('a\nb') };
}

/**
 * The `if/then` of an `@IsMaskedForNaturalPerson()` field: which sibling holds the ID type and which of its
 * values require masking, found by asking the validator itself.
 */
export function maskRule(
  prop: string,
  m: ValidationMetadata,
  props: Map<string, ValidationMetadata[]>,
): JsonSchema | undefined {
  const ok = probe(m);
  const clear = '11010519491231002X';
  for (const [sibling, metas] of props) {
    const values = metas.find((x) => x.name === 'isIn')?.constraints?.[0] as string[] | undefined;
    if (sibling === prop || !values) continue;
    const natural = values.filter((v) => !ok(clear, { [sibling]: v }));
    if (natural.length === 0) continue;
    return {
      if: { properties: { [sibling]: { enum: natural } }, required: [sibling] },
      then: { properties: { [prop]: { pattern: MASKED_ID_RE.source } } },
    };
  }
  return undefined;
}
