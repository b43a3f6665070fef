import type { FormFieldSpec, MaterialSpec } from './entities/service-item.entity';

const SCJG = { deptCode: '113301000024901620', deptName: '杭州市市场监督管理局' };
const GA = { deptCode: '11330100002491026R', deptName: '杭州市公安局' };
const GTZY = { deptCode: '11330100002493056B', deptName: '杭州市规划和自然资源局' };
const JW = { deptCode: '11330100002494112P', deptName: '杭州市城乡建设委员会' };
const RS = { deptCode: '11330100002495289H', deptName: '杭州市人力资源和社会保障局' };

export type SeedMaterial = Pick<MaterialSpec, 'code' | 'name' | 'required' | 'format' | 'source'>;

export interface SeedItem {
  catalogCode: string;
  name: string;
  taskType: string;
  deptCode: string;
  deptName: string;
  legalLimit: number;
  legalUnit: string;
  promiseLimit: number;
  promiseUnit: string;
  projectType: string;
  visitCount: number;
  serverTypes: string[];
  /** The material elements of the first schema (migration 1732400000110 adds the rule flags). */
  materials: SeedMaterial[];
  formFields: FormFieldSpec[];
  licence: { typeCode: string; typeName: string; validYears: number | null } | null;
}

const m = (code: string, name: string, required = true, source = '申请人自备'): SeedMaterial => ({
  code,
  name,
  required,
  format: '电子',
  source,
});
const f = (key: string, label: string, required = true, onLicence = false): FormFieldSpec => ({
  key,
  label,
  required,
  onLicence,
});

/**
 * Eight real items from five departments of a city (杭州市), with the standard elements of the national
 * implementation list. Codes are illustrative but structurally valid (USCC check characters verified).
 */
export const SEED_ITEMS: SeedItem[] = [
  {
    ...SCJG,
    catalogCode: '000111203000',
    name: '食品经营许可',
    taskType: '01',
    legalLimit: 20,
    legalUnit: '1',
    promiseLimit: 5,
    promiseUnit: '1',
    projectType: '2',
    visitCount: 0,
    serverTypes: ['2', '5'],
    materials: [
      m('M01', '食品经营许可申请书'),
      m('M02', '营业执照', true, '政府部门核发'),
      m('M03', '与食品经营相适应的主要设备设施布局、操作流程等文件'),
      m('M04', '食品安全自查、从业人员健康管理等制度'),
    ],
    formFields: [
      f('premises', '经营场所', true, true),
      f('businessScope', '经营项目', true, true),
      f('legalRepresentative', '法定代表人（负责人）', true, true),
    ],
    licence: { typeCode: '111000000000135652001', typeName: '食品经营许可证', validYears: 5 },
  },
  {
    ...SCJG,
    catalogCode: '000111204000',
    name: '药品零售企业许可',
    taskType: '01',
    legalLimit: 30,
    legalUnit: '1',
    promiseLimit: 15,
    promiseUnit: '1',
    projectType: '2',
    visitCount: 0,
    serverTypes: ['2', '5'],
    materials: [
      m('M01', '药品经营许可证申请表'),
      m('M02', '营业执照', true, '政府部门核发'),
      m('M03', '执业药师资格证书及注册证'),
      m('M04', '经营场所和仓库平面布局图'),
    ],
    formFields: [
      f('premises', '注册地址', true, true),
      f('businessScope', '经营范围', true, true),
      f('qualityManager', '质量负责人', true, true),
    ],
    licence: { typeCode: '111000000000135652002', typeName: '药品经营许可证', validYears: 5 },
  },
  {
    ...SCJG,
    catalogCode: '000107001000',
    name: '企业设立登记',
    taskType: '07',
    legalLimit: 15,
    legalUnit: '1',
    promiseLimit: 1,
    promiseUnit: '1',
    projectType: '2',
    visitCount: 0,
    serverTypes: ['1', '2'],
    materials: [
      m('M01', '公司登记（备案）申请书'),
      m('M02', '公司章程'),
      m('M03', '股东主体资格证明'),
      m('M04', '住所使用证明', false),
    ],
    formFields: [
      f('companyName', '企业名称', true, true),
      f('registeredCapital', '注册资本', true, true),
      f('premises', '住所', true, true),
      f('businessScope', '经营范围', true, true),
    ],
    licence: { typeCode: '111000000000135652003', typeName: '营业执照', validYears: null },
  },
  {
    ...GA,
    catalogCode: '000110010000',
    name: '公章刻制备案',
    taskType: '10',
    legalLimit: 1,
    legalUnit: '1',
    promiseLimit: 0,
    promiseUnit: '1',
    projectType: '1',
    visitCount: 0,
    serverTypes: ['2', '3', '4', '5'],
    materials: [m('M01', '营业执照', true, '政府部门核发'), m('M02', '法定代表人身份证明')],
    formFields: [f('sealType', '印章类型'), f('sealCount', '刻制数量')],
    licence: null,
  },
  {
    ...GTZY,
    catalogCode: '000107022000',
    name: '二手房转移登记',
    taskType: '07',
    legalLimit: 30,
    legalUnit: '1',
    promiseLimit: 5,
    promiseUnit: '1',
    projectType: '2',
    visitCount: 1,
    serverTypes: ['1', '2'],
    materials: [
      m('M01', '不动产登记申请书'),
      m('M02', '申请人身份证明'),
      m('M03', '不动产权属证书', true, '政府部门核发'),
      m('M04', '房屋买卖合同'),
      m('M05', '完税凭证', true, '政府部门核发'),
    ],
    formFields: [
      f('location', '坐落', true, true),
      f('unitNo', '不动产单元号', true, true),
      f('area', '面积（平方米）', true, true),
      f('usage', '用途', true, true),
    ],
    licence: { typeCode: '11100000MB03271699001', typeName: '不动产权证书', validYears: null },
  },
  {
    ...GA,
    deptName: '杭州市公安局交通警察支队',
    catalogCode: '000101015000',
    name: '机动车驾驶证换领',
    taskType: '01',
    legalLimit: 1,
    legalUnit: '1',
    promiseLimit: 1,
    promiseUnit: '1',
    projectType: '2',
    visitCount: 0,
    serverTypes: ['1'],
    materials: [
      m('M01', '机动车驾驶人身份证明'),
      m('M02', '县级或者部队团级以上医疗机构出具的有关身体条件的证明'),
    ],
    formFields: [f('vehicleClass', '准驾车型', true, true), f('firstIssueDate', '初次领证日期', true, true)],
    licence: { typeCode: '11100000000001337K001', typeName: '机动车驾驶证', validYears: 10 },
  },
  {
    ...JW,
    catalogCode: '000101042000',
    name: '建筑工程施工许可',
    taskType: '01',
    legalLimit: 15,
    legalUnit: '1',
    promiseLimit: 3,
    promiseUnit: '1',
    projectType: '2',
    visitCount: 0,
    serverTypes: ['2', '3', '6'],
    materials: [
      m('M01', '建筑工程施工许可证申请表'),
      m('M02', '建设工程规划许可证', true, '政府部门核发'),
      m('M03', '施工合同'),
      m('M04', '施工图设计文件审查合格书'),
    ],
    formFields: [
      f('projectName', '工程名称', true, true),
      f('constructionSite', '建设地址', true, true),
      f('contractPrice', '合同价格（万元）', true, true),
      f('contractor', '施工单位', true, true),
    ],
    licence: { typeCode: '11100000000013338W015', typeName: '建筑工程施工许可证', validYears: null },
  },
  {
    ...RS,
    catalogCode: '000120001000',
    name: '社会保险参保登记',
    taskType: '20',
    legalLimit: 5,
    legalUnit: '1',
    promiseLimit: 0,
    promiseUnit: '1',
    projectType: '1',
    visitCount: 0,
    serverTypes: ['1', '2', '3', '4', '5'],
    materials: [m('M01', '社会保险登记表')],
    formFields: [f('insuranceTypes', '参保险种'), f('startMonth', '参保起始年月')],
    licence: null,
  },
];

/** 实施编码: department USCC + 基本编码 + 3-digit sequence (33 chars, as the national list's). */
export const taskCodeOf = (it: Pick<SeedItem, 'deptCode' | 'catalogCode'>): string =>
  `${it.deptCode}${it.catalogCode}001`;
