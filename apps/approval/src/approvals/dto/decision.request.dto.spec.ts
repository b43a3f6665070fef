import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { DecisionRequestDto } from './decision.request.dto';

const check = (plain: object) => {
  const dto = plainToInstance(DecisionRequestDto, plain);
  return { dto, errors: validateSync(dto, { whitelist: true, forbidNonWhitelisted: true }) };
};

describe('DecisionRequestDto', () => {
  const valid = { stepNo: 1, decision: 'approve', opinion: '同意' };

  it('trims the opinion and keeps line breaks', () => {
    const { dto, errors } = check({ ...valid, opinion: '  材料齐全\n同意  ' });
    expect(errors).toEqual([]);
    expect(dto.opinion).toBe('材料齐全\n同意');
  });

  it('refuses blank, too short, too long and unclean opinions', () => {
    for (const opinion of ['   ', ' 同 ', 'x'.repeat(1001), '同意\u0000', '同意\ud800', '同意\u0007', 42]) {
      expect(check({ ...valid, opinion }).errors.map((e) => e.property)).toEqual(['opinion']);
    }
  });
});
