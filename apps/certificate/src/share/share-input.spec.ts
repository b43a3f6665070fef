import { certTypeCodeOf, holderTypeCodeOf, optionalText, requiredObject, useCauseOf } from './share-input';
import { ShareError } from './share-status';

const statusOf = (f: () => unknown): number | 'ok' => {
  try {
    f();
    return 'ok';
  } catch (e) {
    if (e instanceof ShareError) return e.status;
    throw e;
  }
};

describe('证照共享 input checks', () => {
  it('requires useCause of 1..200 characters on one line (12 otherwise)', () => {
    expect(useCauseOf({ useCause: '  办理食品经营许可变更核验 ' })).toBe('办理食品经营许可变更核验');
    expect(statusOf(() => useCauseOf({}))).toBe(12);
    expect(statusOf(() => useCauseOf({ useCause: '   ' }))).toBe(12);
    expect(statusOf(() => useCauseOf({ useCause: '事'.repeat(200) }))).toBe('ok');
    expect(statusOf(() => useCauseOf({ useCause: '事'.repeat(201) }))).toBe(12);
    expect(statusOf(() => useCauseOf({ useCause: 'a\nb' }))).toBe(12);
    expect(statusOf(() => useCauseOf({ useCause: 42 }))).toBe(12);
  });

  it('checks holderTypeCode against §1.4: missing 12, not a listed code 103', () => {
    for (const ok of ['001', '099', '111', '114', '414', '511', '516', '999']) {
      expect(holderTypeCodeOf({ holderTypeCode: ok })).toBe(ok);
    }
    expect(statusOf(() => holderTypeCodeOf({}))).toBe(12);
    for (const bad of ['11', '112', '1111', 'ABC', 1, '002']) {
      expect(statusOf(() => holderTypeCodeOf({ holderTypeCode: bad }))).toBe(103);
    }
  });

  it('checks certTypeCode (21 characters) and nested objects', () => {
    expect(certTypeCodeOf({ certTypeCode: '111000000000135652003' })).toBe('111000000000135652003');
    expect(statusOf(() => certTypeCodeOf({ certTypeCode: '营业执照' }))).toBe(12);
    expect(statusOf(() => requiredObject({ certData: 'x' }, 'certData'))).toBe(12);
    expect(requiredObject({ certData: { a: '1' } }, 'certData')).toEqual({ a: '1' });
    expect(optionalText({}, 'certNo', 10)).toBeUndefined();
    expect(statusOf(() => optionalText({ certNo: 'x'.repeat(11) }, 'certNo', 10))).toBe(12);
  });
});
