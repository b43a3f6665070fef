import { ArgumentMetadata, ValidationError, ValidationPipe } from '@nestjs/common';
import { DomainError } from '../errors/domain-error';
import {
  compiledValidationShadowCheck,
  compiledValidInstance,
  recordIfDivergent,
} from '../validation/compiled-validation';
import { cacheValidationMetadata } from '../validation/metadata-cache';

export interface FieldProblem {
  field: string;
  problems: string[];
}

export function flattenValidationErrors(errors: ValidationError[], prefix = ''): FieldProblem[] {
  return errors.flatMap((e) => {
    const field = `${prefix}${e.property}`;
    const own = e.constraints ? [{ field, problems: Object.values(e.constraints) }] : [];
    return [...own, ...flattenValidationErrors(e.children ?? [], `${field}.`)];
  });
}

/**
 * Nest's ValidationPipe with the compiled fast path (validation/compiled-validation.ts) in front: a body or
 * query the plan proves valid is answered with the instance class-transformer would build; everything else
 * (every refusal and its wording, primitives, params, classes without a plan) goes through Nest's pipe.
 */
class CompiledValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    const { metatype } = metadata;
    const fast =
      metatype &&
      value !== null &&
      typeof value === 'object' &&
      !Array.isArray(value) &&
      this.toValidate(metadata)
        ? compiledValidInstance(metatype as new () => object, value)
        : undefined;
    if (!fast) return super.transform(value, metadata);
    if (!compiledValidationShadowCheck()) return fast;
    const label = `${metatype?.name ?? '?'} (${metadata.type})`;
    let reference: unknown;
    try {
      reference = await super.transform(value, metadata);
    } catch (e) {
      recordIfDivergent(label, fast, {}, 1);
      throw e;
    }
    recordIfDivergent(label, fast, reference as object, 0);
    return reference;
  }
}

/** Global pipe: unknown fields rejected, types transformed, errors as VALIDATION_FAILED with field details. */
export function createValidationPipe(): ValidationPipe {
  cacheValidationMetadata();
  return new CompiledValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    stopAtFirstError: false,
    exceptionFactory: (errors) =>
      new DomainError('VALIDATION_FAILED', undefined, flattenValidationErrors(errors)),
  });
}
