import { scrubText, scrubValue } from './redact';

describe('log redaction', () => {
  it('masks citizen ID numbers, mobile numbers and bearer tokens in free text', () => {
    expect(scrubText('申请人 11010519491231002X 提交')).toBe('申请人 110105********002X 提交');
    expect(scrubText('phone 13912345678.')).toBe('phone 139****5678.');
    expect(scrubText('Authorization: Bearer eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJ4In0.sig')).toBe(
      'Authorization: Bearer [REDACTED]',
    );
  });

  it('leaves other numbers alone (a 20-digit case number, a USCC with letters)', () => {
    expect(scrubText('case 33010020261124000001')).toBe('case 33010020261124000001');
    expect(scrubText('uscc 91330106MA2H00000X')).toBe('uscc 91330106MA2H00000X');
  });

  it('scrubs nested values, errors and cycles', () => {
    const o: Record<string, unknown> = {
      a: { b: ['13800138000'] },
      err: new Error('bad id 11010519491231002X'),
    };
    o.self = o;
    const out = scrubValue(o) as { a: { b: string[] }; err: { message: string }; self: unknown };
    expect(out.a.b[0]).toBe('138****8000');
    expect(out.err.message).toBe('bad id 110105********002X');
    expect(out.self).toBe('[Circular]');
  });

  it('replaces the values of secret keys at any depth, whatever they hold', () => {
    const out = scrubValue({
      a: { b: { c: { d: { idNumber: 'X1', token: { nested: 1 }, other: 'kept' } } } },
    });
    expect(out).toEqual({
      a: { b: { c: { d: { idNumber: '[REDACTED]', token: '[REDACTED]', other: 'kept' } } } },
    });
  });

  it('masks first-generation 15-digit ID numbers too', () => {
    expect(scrubText('旧身份证 110105491231002 ')).toBe('旧身份证 110105******002 ');
  });

  it('drops what is nested too deep instead of logging it raw', () => {
    let deep: unknown = { idNumber: '11010519491231002X', raw: 'x 11010519491231002X' };
    for (let i = 0; i < 10; i++) deep = { next: deep };
    expect(JSON.stringify(scrubValue(deep))).not.toContain('19491231');
    expect(JSON.stringify(scrubValue(deep))).toContain('[Truncated]');
  });
});
