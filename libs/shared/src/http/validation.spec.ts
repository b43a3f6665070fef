import { ArgumentMetadata, ValidationPipe } from '@nestjs/common';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import { DomainError } from '../errors/domain-error';
import { IsText, NestedArray } from '../validation/decorators';
import { compiledValidInstance, sameInstance } from '../validation/compiled-validation';
import { createValidationPipe } from './validation';

class MaterialDto {
  @IsText({ max: 20 }) code!: string;
  @IsOptional() @IsInt() @Min(1) count?: number;
}

class SubmitDto {
  @IsText({ max: 50 }) name!: string;
  @IsIn(['1', '2']) channel!: string;
  @NestedArray(() => MaterialDto, 5) materials!: MaterialDto[];
}

class PageQuery {
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(100) limit?: number;
}

const body = (metatype: unknown): ArgumentMetadata => ({ type: 'body', metatype: metatype as never });

/** Nest's own pipe with the same options: what the compiled pipe must answer, value for value. */
async function nestAnswer(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
  const nest = new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    exceptionFactory: () => new DomainError('VALIDATION_FAILED'),
  });
  return nest.transform(value, metadata);
}

describe('the global validation pipe (compiled fast path in front of Nest’s ValidationPipe)', () => {
  const pipe = createValidationPipe();
  const ok = { name: ' 张三 ', channel: '1', materials: [{ code: 'M01', count: 2 }, { code: 'M02' }] };

  it('answers a valid body with the instance Nest’s pipe builds (trimmed, nested classes)', async () => {
    expect(compiledValidInstance(SubmitDto, ok)).toBeDefined(); // answered by the fast path
    const got = (await pipe.transform(ok, body(SubmitDto))) as SubmitDto;
    expect(got).toBeInstanceOf(SubmitDto);
    expect(got.name).toBe('张三');
    expect(got.materials[1]).toBeInstanceOf(MaterialDto);
    expect(sameInstance(got, await nestAnswer(ok, body(SubmitDto)))).toBe(true);
  });

  it.each([
    ['a blank name', { ...ok, name: '  ' }, 'name'],
    ['a wrong code', { ...ok, channel: '3' }, 'channel'],
    ['an undeclared field', { ...ok, certNo: '11010519491231002X' }, 'certNo'],
    ['a bad nested element', { ...ok, materials: [{ code: 'M01', count: 0 }] }, 'materials.0.count'],
    [
      'a nested element with an undeclared field',
      { ...ok, materials: [{ code: 'M01', x: 1 }] },
      'materials.0.x',
    ],
    ['too many elements', { ...ok, materials: Array(6).fill({ code: 'M01' }) }, 'materials'],
  ])('refuses %s as VALIDATION_FAILED naming the field, as Nest’s pipe does', async (_, value, field) => {
    const err = (await pipe.transform(value, body(SubmitDto)).catch((e: unknown) => e)) as DomainError;
    expect(err).toBeInstanceOf(DomainError);
    expect(err.code).toBe('VALIDATION_FAILED');
    expect(JSON.stringify(err.details)).toContain(`"field":"${field}"`);
    await expect(nestAnswer(value, body(SubmitDto))).rejects.toThrow();
  });

  it('converts query strings as Nest’s pipe does, and refuses what does not convert', async () => {
    const query: ArgumentMetadata = { type: 'query', metatype: PageQuery };
    expect(compiledValidInstance(PageQuery, { limit: '20' })).toBeDefined(); // answered by the fast path
    const page = (await pipe.transform({ limit: '20' }, query)) as PageQuery;
    expect(page).toBeInstanceOf(PageQuery);
    expect(page.limit).toBe(20);
    expect(sameInstance(page, await nestAnswer({ limit: '20' }, query))).toBe(true);
    for (const limit of ['abc', '0', '101', '1.5']) {
      const err = (await pipe.transform({ limit }, query).catch((e: unknown) => e)) as DomainError;
      expect([limit, err.code]).toEqual([limit, 'VALIDATION_FAILED']);
    }
  });

  it('leaves params and primitives to Nest’s pipe', async () => {
    expect(await pipe.transform('33010020261124000001', { type: 'param', metatype: String })).toBe(
      '33010020261124000001',
    );
    expect(await pipe.transform({ a: 1 }, { type: 'body', metatype: Object })).toEqual({ a: 1 });
  });
});
