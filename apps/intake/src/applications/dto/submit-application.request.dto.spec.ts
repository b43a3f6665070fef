import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { SubmitApplicationDto } from './submit-application.request.dto';

const valid = () => ({
  itemCode: '113301000024901620000111203000001',
  applicant: { userProp: '2', name: ' 杭州测试餐饮有限公司 ', certType: '001', certNo: '11330100002491026R' },
  formData: { premises: ' 杭州市 ' },
  materials: [{ code: 'M01', fileName: 'M01.pdf' }],
});

/** The properties (dotted) refused by the global pipe's options (whitelist, no unknown fields). */
const refused = (plain: unknown): string[] => {
  const flat = (errs: ReturnType<typeof validateSync>, prefix = ''): string[] =>
    errs.flatMap((e) =>
      e.children?.length ? flat(e.children, `${prefix}${e.property}.`) : [`${prefix}${e.property}`],
    );
  return flat(
    validateSync(plainToInstance(SubmitApplicationDto, plain), {
      whitelist: true,
      forbidNonWhitelisted: true,
    }),
  );
};

describe('SubmitApplicationDto', () => {
  it('accepts a valid submission and trims its text', () => {
    expect(refused(valid())).toEqual([]);
    const dto = plainToInstance(SubmitApplicationDto, valid());
    expect([dto.applicant.name, dto.formData.premises]).toEqual(['杭州测试餐饮有限公司', '杭州市']);
  });

  it('refuses a missing or non-object applicant and a blank name', () => {
    const { applicant: _a, ...noApplicant } = valid();
    expect(refused(noApplicant)).toEqual(['applicant']);
    expect(refused({ ...valid(), applicant: 'x' })).toEqual(['applicant']);
    expect(refused({ ...valid(), applicant: { ...valid().applicant, name: '   ' } })).toEqual([
      'applicant.name',
    ]);
  });

  it('refuses lone surrogates and control characters in the name, form values and file names', () => {
    for (const bad of ['\ud800', '\udfff', 'a\u0000', 'a\u0007']) {
      expect(refused({ ...valid(), applicant: { ...valid().applicant, name: `x${bad}` } })).toEqual([
        'applicant.name',
      ]);
      expect(refused({ ...valid(), formData: { premises: `x${bad}` } })).toEqual(['formData']);
      expect(refused({ ...valid(), materials: [{ code: 'M01', fileName: `x${bad}.pdf` }] })).toEqual([
        'materials.0.fileName',
      ]);
    }
  });

  it('keeps within the columns: 200-character names, 50 materials, form keys as identifiers', () => {
    expect(refused({ ...valid(), applicant: { ...valid().applicant, name: '张'.repeat(200) } })).toEqual([]);
    expect(refused({ ...valid(), applicant: { ...valid().applicant, name: '张'.repeat(201) } })).toEqual([
      'applicant.name',
    ]);
    expect(
      refused({ ...valid(), materials: Array.from({ length: 51 }, () => valid().materials[0]) }),
    ).toEqual(['materials']);
    expect(refused({ ...valid(), formData: { 'bad key': 'x' } })).toEqual(['formData']);
    expect(refused({ ...valid(), formData: { premises: 'a\nb' } })).toEqual([]); // multiline allowed
    expect(refused({ ...valid(), itemCode: 'x'.repeat(37) })).toEqual(['itemCode']);
  });
});
