import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { ListApprovalsQueryDto } from './list-approvals.query.dto';

/** As the global ValidationPipe does it: whitelist, no implicit conversion. */
const check = (query: Record<string, unknown>) => {
  const dto = plainToInstance(ListApprovalsQueryDto, query, { enableImplicitConversion: false });
  return { dto, errors: validateSync(dto, { whitelist: true, forbidNonWhitelisted: true }) };
};

describe('ListApprovalsQueryDto remainingMax', () => {
  it('takes a whole number of working days 0–365 from the query string', () => {
    for (const [raw, n] of [
      ['0', 0],
      ['3', 3],
      ['365', 365],
    ] as const) {
      const { dto, errors } = check({ remainingMax: raw });
      expect([raw, errors]).toEqual([raw, []]);
      expect(dto.remainingMax).toBe(n);
    }
    expect(check({}).dto.remainingMax).toBeUndefined();
  });

  it('refuses anything else', () => {
    for (const raw of ['', ' ', '-1', '366', '1000000', '1.5', '1e1', '0x10', ' 5', 'abc', ['1', '2']]) {
      const { errors } = check({ remainingMax: raw });
      expect([raw, errors.map((e) => e.property)]).toEqual([raw, ['remainingMax']]);
    }
  });
});
