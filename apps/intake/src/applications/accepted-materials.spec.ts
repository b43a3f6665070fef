import { TOPICS, validateContract } from '@app/shared/contracts';
import { acceptedMaterials } from './accepted-materials';
import { acceptedEvent } from './case-events';
import { aCase, anItem } from './testing/case.fixture';

const CATALOG = [
  { code: 'M01', name: '申请书' },
  { code: 'M02', name: '营业执照' },
  { code: 'M03', name: '布局图' },
];

describe('acceptedMaterials', () => {
  it('groups the filed files by code, in catalog order, named from the item version', () => {
    const out = acceptedMaterials(
      [
        { code: 'M03', fileName: '布局图-1.pdf' },
        { code: 'M01', fileName: '申请书.pdf' },
        { code: 'M03', fileName: '布局图-2.pdf' },
      ],
      CATALOG,
    );
    expect(out).toEqual([
      { code: 'M01', name: '申请书', count: 1, attachNames: ['申请书.pdf'] },
      { code: 'M03', name: '布局图', count: 2, attachNames: ['布局图-1.pdf', '布局图-2.pdf'] },
    ]);
  });

  it('puts codes the version does not list last, named by their code', () => {
    const out = acceptedMaterials(
      [
        { code: 'X9', fileName: 'x.pdf' },
        { code: 'M02', fileName: '执照.pdf' },
      ],
      CATALOG,
    );
    expect(out.map((m) => [m.code, m.name])).toEqual([
      ['M02', '营业执照'],
      ['X9', 'X9'],
    ]);
  });

  it('keeps to the contract limits: 20 names, 200 characters, unclean names left out but counted', () => {
    const long = '文'.repeat(250);
    const filed = [
      ...Array.from({ length: 25 }, (_, i) => ({ code: 'M01', fileName: `页${i}.jpg` })),
      { code: 'M02', fileName: `${long}.pdf` },
      { code: 'M02', fileName: '坏\u0000名.pdf' },
      { code: 'M03', fileName: '  ' },
    ];
    const [m1, m2, m3] = acceptedMaterials(filed, [
      { code: 'M01', name: 'n'.repeat(300) },
      ...CATALOG.slice(1),
    ]);
    expect(m1.count).toBe(25);
    expect(m1.attachNames).toHaveLength(20);
    expect(Array.from(m1.name)).toHaveLength(200);
    expect(m2.count).toBe(2);
    expect(m2.attachNames).toEqual(['文'.repeat(200)]);
    expect(m3).toEqual({ code: 'M03', name: '布局图', count: 1 });
  });

  it('is empty for a case without filed materials', () => {
    expect(acceptedMaterials([], CATALOG)).toEqual([]);
  });

  it('travels on the accepted event, valid for the producer side of the contract', () => {
    const c = aCase({
      acceptDocNo: 'SL1',
      acceptedAt: new Date('2026-11-25T03:00:00Z'),
      acceptedBy: '窗口',
      promiseDate: '2026-12-02',
      materials: [
        { code: 'M02', fileName: '执照.pdf', sha256: 'b'.repeat(64), sizeBytes: 10 },
        { code: 'M01', fileName: '申请书.pdf' },
        { code: 'M02', fileName: '执照-副本.pdf' },
      ],
    });
    const payload = acceptedEvent(c, anItem());
    expect(payload.materials).toEqual([
      { code: 'M01', name: '申请书', count: 1, attachNames: ['申请书.pdf'] },
      { code: 'M02', name: '营业执照', count: 2, attachNames: ['执照.pdf', '执照-副本.pdf'] },
    ]);
    expect(() => validateContract(TOPICS.APPLICATION_ACCEPTED, payload, 'producer')).not.toThrow();
    const none = acceptedEvent(aCase({ materials: [] }), anItem());
    expect(none).not.toHaveProperty('materials');
  });

  it('is refused by the contract with a file name that breaks the text rule, or more than 20 of them', () => {
    const base = acceptedEvent(aCase({ acceptedBy: '窗口', promiseDate: '2026-12-02' }), anItem());
    const withNames = (attachNames: string[]) => ({
      ...base,
      materials: [{ code: 'M01', name: '申请书', count: attachNames.length, attachNames }],
    });
    const check = (p: object) => () => validateContract(TOPICS.APPLICATION_ACCEPTED, p, 'producer');
    expect(check(withNames(['a\nb.pdf']))).toThrow(/attachNames/);
    expect(check(withNames(['x'.repeat(201)]))).toThrow(/attachNames/);
    expect(check(withNames(Array.from({ length: 21 }, (_, i) => `${i}.pdf`)))).toThrow(/attachNames/);
    const trimmed = validateContract(TOPICS.APPLICATION_ACCEPTED, withNames([' a.pdf ']), 'producer');
    expect(trimmed.materials?.[0].attachNames).toEqual(['a.pdf']);
  });
});
