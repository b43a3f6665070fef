import type { MaterialSpec } from './entities/service-item.entity';
import type { ItemElements } from './item-rules';
import { SEED_ITEMS, taskCodeOf } from './seed-items';

/**
 * Data of migration 1732400000110 (catalog rules, 企业开办). Like seed-items.ts for the first migration,
 * this is frozen history: change the catalog through the admin API or a new migration, never here.
 */

/** 国家税务总局杭州市税务局 (机关, 统一社会信用代码 with valid check characters; see the spec). */
export const TAX_DEPT = { deptCode: '11330100002497604Y', deptName: '国家税务总局杭州市税务局' };
/** 杭州住房公积金管理中心 (事业单位, 机构类别 2). */
export const HOUSING_FUND_DEPT = { deptCode: '12330100002497612N', deptName: '杭州住房公积金管理中心' };

/**
 * The item elements as they were at migration 1732400000110 (owedOverdueResult came later with
 * 1732400000190, whose column default '5' 退件 these rows got).
 */
export type CatalogRulesElements = Omit<ItemElements, 'owedOverdueResult'>;

const taskCodeByName = (name: string): string => {
  const it = SEED_ITEMS.find((s) => s.name === name);
  if (!it) throw new Error(`no seeded item ${name}`);
  return taskCodeOf(it);
};

/** 设定依据 (and 必须现场办理原因) of the items seeded by the first migration, by 实施编码. */
export const EXISTING_ITEM_RULES: Array<{ taskCode: string; legalBasis: string; visitReason?: string }> = [
  { taskCode: taskCodeByName('食品经营许可'), legalBasis: '《中华人民共和国食品安全法》第三十五条' },
  { taskCode: taskCodeByName('药品零售企业许可'), legalBasis: '《中华人民共和国药品管理法》第五十一条' },
  {
    taskCode: taskCodeByName('企业设立登记'),
    legalBasis: '《中华人民共和国市场主体登记管理条例》第三条、第十六条',
  },
  {
    taskCode: taskCodeByName('公章刻制备案'),
    legalBasis: '《国务院关于第六批取消和调整行政审批项目的决定》（国发〔2012〕52号）',
  },
  {
    taskCode: taskCodeByName('二手房转移登记'),
    legalBasis: '《不动产登记暂行条例》第十四条、第二十条',
    visitReason: '需现场核验买卖双方身份并签署询问笔录',
  },
  { taskCode: taskCodeByName('机动车驾驶证换领'), legalBasis: '《中华人民共和国道路交通安全法》第十九条' },
  { taskCode: taskCodeByName('建筑工程施工许可'), legalBasis: '《中华人民共和国建筑法》第七条' },
  {
    taskCode: taskCodeByName('社会保险参保登记'),
    legalBasis: '《中华人民共和国社会保险法》第五十七条、第五十八条',
  },
];

const m = (code: string, name: string, over: Partial<MaterialSpec> = {}): MaterialSpec => ({
  code,
  name,
  required: true,
  format: '电子',
  source: '申请人自备',
  key: true,
  deferrable: false,
  deferDays: null,
  commitmentAllowed: false,
  ...over,
});

const ENTERPRISE_SETUP = SEED_ITEMS.find((s) => s.name === '企业设立登记')!;

/**
 * 企业设立登记 version 2 (告知承诺, 住所申报承诺制): the 住所使用证明 becomes a required material that a
 * signed commitment may replace, checked within 20 working days. Version 1 becomes 已替代 (4) and stays
 * for the cases filed under it.
 */
export const ENTERPRISE_SETUP_V2: CatalogRulesElements & { taskCode: string } = {
  taskCode: taskCodeOf(ENTERPRISE_SETUP),
  catalogCode: ENTERPRISE_SETUP.catalogCode,
  name: ENTERPRISE_SETUP.name,
  taskType: ENTERPRISE_SETUP.taskType,
  deptCode: ENTERPRISE_SETUP.deptCode,
  deptName: ENTERPRISE_SETUP.deptName,
  legalLimit: ENTERPRISE_SETUP.legalLimit,
  legalUnit: ENTERPRISE_SETUP.legalUnit,
  promiseLimit: ENTERPRISE_SETUP.promiseLimit,
  promiseUnit: ENTERPRISE_SETUP.promiseUnit,
  projectType: ENTERPRISE_SETUP.projectType,
  visitCount: 0,
  serverTypes: ENTERPRISE_SETUP.serverTypes,
  materials: [
    m('M01', '公司登记（备案）申请书'),
    m('M02', '公司章程'),
    m('M03', '股东主体资格证明'),
    m('M04', '住所使用证明', { key: false, commitmentAllowed: true }),
  ],
  formFields: ENTERPRISE_SETUP.formFields,
  yieldsLicence: true,
  licenceTypeCode: ENTERPRISE_SETUP.licence!.typeCode,
  licenceTypeName: ENTERPRISE_SETUP.licence!.typeName,
  licenceValidYears: ENTERPRISE_SETUP.licence!.validYears,
  legalBasis: '《中华人民共和国市场主体登记管理条例》第三条、第十六条；住所（经营场所）申报承诺制',
  onlineDepth: '4',
  visitReason: null,
  supplementLimit: 1,
  supplementDays: 10,
  postCheckDays: 20,
};

const f = (key: string, label: string) => ({ key, label, required: true, onLicence: false });

/** New 企业开办 items: 税务 (即办 and 容缺) and 住房公积金. */
export const NEW_ITEMS: Array<CatalogRulesElements & { taskCode: string }> = [
  {
    ...TAX_DEPT,
    taskCode: `${TAX_DEPT.deptCode}000110021000001`,
    catalogCode: '000110021000',
    name: '新办纳税人涉税信息确认（税务登记）',
    taskType: '10',
    legalLimit: 1,
    legalUnit: '1',
    promiseLimit: 0,
    promiseUnit: '1',
    projectType: '1',
    visitCount: 0,
    serverTypes: ['2', '3', '4', '5'],
    materials: [m('M01', '营业执照', { source: '政府部门核发' }), m('M02', '法定代表人（负责人）身份证件')],
    formFields: [f('taxpayerType', '纳税人类型'), f('accountingMode', '财务核算方式')],
    yieldsLicence: false,
    licenceTypeCode: null,
    licenceTypeName: null,
    licenceValidYears: null,
    legalBasis: '《中华人民共和国税收征收管理法》第十五条；《税务登记管理办法》',
    onlineDepth: '4',
    visitReason: null,
    supplementLimit: 1,
    supplementDays: 10,
    postCheckDays: null,
  },
  {
    ...TAX_DEPT,
    taskCode: `${TAX_DEPT.deptCode}000110022000001`,
    catalogCode: '000110022000',
    name: '发票领用（首次申领）',
    taskType: '10',
    legalLimit: 5,
    legalUnit: '1',
    promiseLimit: 1,
    promiseUnit: '1',
    projectType: '2',
    visitCount: 0,
    serverTypes: ['2', '3', '4', '5'],
    materials: [
      m('M01', '发票领用申请表'),
      m('M02', '经办人身份证件'),
      m('M03', '发票专用章印模', { key: false, deferrable: true, deferDays: 5 }),
    ],
    formFields: [f('invoiceType', '发票种类'), f('monthlyQuantity', '每月最高领用数量')],
    yieldsLicence: false,
    licenceTypeCode: null,
    licenceTypeName: null,
    licenceValidYears: null,
    legalBasis: '《中华人民共和国发票管理办法》第十五条',
    onlineDepth: '4',
    visitReason: null,
    supplementLimit: 1,
    supplementDays: 10,
    postCheckDays: null,
  },
  {
    ...HOUSING_FUND_DEPT,
    taskCode: `${HOUSING_FUND_DEPT.deptCode}000120002000001`,
    catalogCode: '000120002000',
    name: '住房公积金单位缴存登记',
    taskType: '20',
    legalLimit: 5,
    legalUnit: '1',
    promiseLimit: 1,
    promiseUnit: '1',
    projectType: '2',
    visitCount: 0,
    serverTypes: ['2', '3', '4', '5'],
    materials: [
      m('M01', '住房公积金单位缴存登记表'),
      m('M02', '营业执照', { source: '政府部门核发' }),
      m('M03', '经办人身份证件'),
    ],
    formFields: [f('depositRate', '缴存比例'), f('firstDepositMonth', '首次缴存年月')],
    yieldsLicence: false,
    licenceTypeCode: null,
    licenceTypeName: null,
    licenceValidYears: null,
    legalBasis: '《住房公积金管理条例》第十四条、第十五条',
    onlineDepth: '4',
    visitReason: null,
    supplementLimit: 1,
    supplementDays: 10,
    postCheckDays: null,
  },
];
