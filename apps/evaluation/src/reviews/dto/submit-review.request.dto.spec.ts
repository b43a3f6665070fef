import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { SubmitReviewRequestDto } from './submit-review.request.dto';

const check = (plain: object) => {
  const dto = plainToInstance(SubmitReviewRequestDto, plain);
  return { dto, errors: validateSync(dto, { whitelist: true, forbidNonWhitelisted: true }) };
};

describe('SubmitReviewRequestDto', () => {
  const valid = { caseNo: '33010620261124000001', satisfaction: 1, pf: '2' };

  it('accepts an optional comment (trimmed, multi-line, may be empty)', () => {
    expect(check(valid).errors).toEqual([]);
    expect(check({ ...valid, comment: '' }).errors).toEqual([]);
    const { dto, errors } = check({ ...valid, comment: '  等候时间长\n流程不清楚  ' });
    expect(errors).toEqual([]);
    expect(dto.comment).toBe('等候时间长\n流程不清楚');
  });

  it('refuses a comment with a lone surrogate, NUL or control characters, or over 500 characters', () => {
    for (const comment of ['态度差\ud800', '态度差\u0000', '态度差\u0007', 'x'.repeat(501), 42]) {
      expect(check({ ...valid, comment }).errors.map((e) => e.property)).toEqual(['comment']);
    }
  });

  it('refuses malformed case numbers and the system channel 7', () => {
    for (const caseNo of ['abc def ghi jkl', '3301062026112400000a', '123', ' ']) {
      expect(check({ ...valid, caseNo }).errors.map((e) => e.property)).toEqual(['caseNo']);
    }
    expect(check({ ...valid, pf: '7' }).errors.map((e) => e.property)).toEqual(['pf']);
  });
});
