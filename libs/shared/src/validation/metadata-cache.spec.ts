import { getMetadataStorage, IsInt, IsString, Length, Min, validateSync } from 'class-validator';
import { cacheValidationMetadata } from './metadata-cache';

describe('cacheValidationMetadata (class-validator rules looked up once per class)', () => {
  class Base {
    @IsString() @Length(1, 10) name!: unknown;
  }
  class Child extends Base {
    @IsInt() @Min(1) count!: unknown;
  }
  const errorsOf = (o: object) =>
    validateSync(o, { whitelist: true, forbidNonWhitelisted: true })
      .map((e) => `${e.property}:${Object.keys(e.constraints ?? {}).join(',')}`)
      .sort();

  beforeAll(() => {
    cacheValidationMetadata();
    cacheValidationMetadata(); // idempotent
  });

  it('validates exactly as before: own and inherited rules, whitelisting', () => {
    expect(errorsOf(Object.assign(new Child(), { name: 'ok', count: 2 }))).toEqual([]);
    expect(errorsOf(Object.assign(new Child(), { name: '', count: 0, extra: 1 }))).toEqual([
      'count:min',
      'extra:whitelistValidation',
      'name:isLength',
    ]);
    expect(errorsOf(Object.assign(new Base(), { name: 5 }))).toEqual(['name:isLength,isString']);
  });

  it('answers the same lookup from the cache, and forgets it when a class defined later adds rules', () => {
    const storage = getMetadataStorage();
    const first = storage.getTargetValidationMetadatas(Child, '', false, false);
    expect(storage.getTargetValidationMetadatas(Child, '', false, false)).toBe(first);
    expect(first.map((m) => m.propertyName).sort()).toEqual(['count', 'count', 'name', 'name']);

    class Later extends Child {
      @IsString() label!: unknown;
    }
    expect(storage.getTargetValidationMetadatas(Child, '', false, false)).not.toBe(first);
    expect(errorsOf(Object.assign(new Later(), { name: 'ok', count: 1, label: 3 }))).toEqual([
      'label:isString',
    ]);
    expect(errorsOf(Object.assign(new Later(), { name: 'ok', count: 1, label: 'x' }))).toEqual([]);
  });
});
