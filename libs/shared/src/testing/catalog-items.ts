/**
 * Catalog items that tests and benchmarks publish through the admin API (not seeded): their shape is the
 * body of `POST /api/v1/items`.
 */
/** 个体工商户设立登记 as a 即办件 (承诺时限 0): the 营业执照 is issued in the same visit. */
export function immediateLicenceItem(deptCode: string, deptName: string) {
  return {
    taskCode: `${deptCode}000107902000001`,
    catalogCode: '000107902000',
    name: '个体工商户设立登记（即办）',
    taskType: '07',
    deptCode,
    deptName,
    legalLimit: { value: 15, unit: '1' },
    promiseLimit: { value: 0, unit: '1' },
    projectType: '1',
    visitCount: 0,
    serverTypes: ['1'],
    materials: [
      {
        code: 'M01',
        name: '个体工商户登记申请书',
        required: true,
        format: '电子',
        source: '申请人自备',
        key: true,
      },
      {
        code: 'M02',
        name: '经营者身份证明',
        required: true,
        format: '电子',
        source: '申请人自备',
        key: true,
      },
    ],
    formFields: [
      { key: 'tradeName', label: '字号名称', required: true, onLicence: true },
      { key: 'premises', label: '经营场所', required: true, onLicence: true },
    ],
    yieldsLicence: true,
    licenceTypeCode: '111000000000135652003',
    licenceTypeName: '营业执照',
    legalBasis: '《促进个体工商户发展条例》；《中华人民共和国市场主体登记管理条例》第三条',
    onlineDepth: '4',
  };
}
