import { StatementNames } from './prepared-statements';

describe('StatementNames', () => {
  it('gives each distinct text one stable name', () => {
    const names = new StatementNames(10);
    const a = names.nameOf('SELECT $1');
    const b = names.nameOf('SELECT $1, $2');
    expect(a).toBe('s1');
    expect(b).toBe('s2');
    expect(names.nameOf('SELECT $1')).toBe(a);
    expect(names.size).toBe(2);
  });

  it('names no new text past its bound, and keeps the names it gave', () => {
    const names = new StatementNames(2);
    names.nameOf('a $1');
    names.nameOf('b $1');
    expect(names.nameOf('c $1')).toBeUndefined();
    expect(names.nameOf('c $1')).toBeUndefined();
    expect(names.nameOf('a $1')).toBe('s1');
    expect(names.size).toBe(2);
  });

  it('a bound of zero names nothing', () => {
    expect(new StatementNames(0).nameOf('a $1')).toBeUndefined();
  });
});
