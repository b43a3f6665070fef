import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { IsText, IsTextMap, NestedObject } from './decorators';
import { findForbiddenText, textProblem } from './text';

class Inner {
  @IsText({ max: 5 }) name!: string;
}
class Outer {
  @NestedObject(() => Inner) inner!: Inner;
  @IsText({ max: 20, multiline: true }) opinion!: string;
  @IsTextMap({ maxKeys: 2, keyPattern: /^[a-z]+$/, value: { max: 3 } }) form!: Record<string, string>;
}
const check = (plain: unknown) => {
  const o = plainToInstance(Outer, plain);
  return { o, errors: validateSync(o, { whitelist: true, forbidNonWhitelisted: true }) };
};

describe('the text rule', () => {
  it('refuses NUL, lone surrogates, control characters, blank and over-long text', () => {
    expect(textProblem('ok', { max: 5 })).toBeNull();
    expect(textProblem('a\u0000b', { max: 5 })).toMatch(/NUL/);
    expect(textProblem('a\ud800b', { max: 5 })).toMatch(/surrogate/);
    expect(textProblem('\udfffx', { max: 5 })).toMatch(/surrogate/);
    expect(textProblem('😀😀', { max: 2 })).toBeNull(); // a pair is two code units, one character
    expect(textProblem('a\u0007', { max: 5 })).toMatch(/control/);
    expect(textProblem('a\nb', { max: 5 })).toMatch(/single line/);
    expect(textProblem('a\nb', { max: 5, multiline: true })).toBeNull();
    expect(textProblem('', { max: 5 })).toMatch(/blank/);
    expect(textProblem('abcdef', { max: 5 })).toMatch(/at most 5/);
    expect(textProblem(3, { max: 5 })).toMatch(/string/);
  });

  it('trims, and refuses a missing nested object and text of spaces only', () => {
    expect(check({ opinion: 'fine', form: {} }).errors.map((e) => e.property)).toEqual(['inner']);
    const blank = check({ inner: { name: '   ' }, opinion: ' x ', form: { a: ' b ' } });
    expect(JSON.stringify(blank.errors)).toMatch(/blank/);
    const ok = check({ inner: { name: ' 张三 ' }, opinion: ' x ', form: { a: ' b ' } });
    expect(ok.errors).toEqual([]);
    expect([ok.o.inner.name, ok.o.opinion, ok.o.form.a]).toEqual(['张三', 'x', 'b']);
  });

  it('checks the keys and values of a text map', () => {
    expect(check({ inner: { name: 'a' }, opinion: 'x', form: { A: 'b' } }).errors).toHaveLength(1);
    expect(check({ inner: { name: 'a' }, opinion: 'x', form: { a: 'b\ud800' } }).errors).toHaveLength(1);
    expect(
      check({ inner: { name: 'a' }, opinion: 'x', form: { a: 'b', b: 'c', c: 'd' } }).errors,
    ).toHaveLength(1);
    expect(check({ inner: { name: 'a' }, opinion: 'x', form: ['x'] }).errors).toHaveLength(1);
  });

  it('finds forbidden text anywhere in a parsed request, keys included', () => {
    expect(findForbiddenText({ a: [{ b: 'x\u0000' }] })?.path).toBe('$.a[0].b');
    expect(findForbiddenText({ ['k\ud800']: 1 })?.path).toBe('$.<key>');
    expect(findForbiddenText({ a: '中文 😀' })).toBeNull();
  });
});
