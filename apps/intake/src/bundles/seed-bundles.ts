import { NEW_ITEMS } from '../catalog/seed-catalog-rules';
import { SEED_ITEMS, taskCodeOf } from '../catalog/seed-items';
import type { BundleDefinitionSpec } from './bundle-definition';

/**
 * Data of migration 1732400000160 (一件事一次办): the 企业开办 bundle over items seeded by migrations 100
 * and 110. Frozen history like the item seeds: change definitions through the admin API afterwards.
 */
const seeded = (name: string): string => {
  const it = SEED_ITEMS.find((s) => s.name === name);
  if (it) return taskCodeOf(it);
  const added = NEW_ITEMS.find((s) => s.name === name);
  if (!added) throw new Error(`no seeded item ${name}`);
  return added.taskCode;
};

export const ENTERPRISE_SETUP_CODE = seeded('企业设立登记');
export const SEAL_CODE = seeded('公章刻制备案');
export const TAX_REGISTRATION_CODE = seeded('新办纳税人涉税信息确认（税务登记）');
export const INVOICE_CODE = seeded('发票领用（首次申领）');
export const SOCIAL_INSURANCE_CODE = seeded('社会保险参保登记');
export const HOUSING_FUND_CODE = seeded('住房公积金单位缴存登记');

const field = (key: string, label: string) => ({ key, label, required: true });
const material = (code: string, name: string) => ({ code, name, required: true });
const afterSetup = [ENTERPRISE_SETUP_CODE];

/**
 * 企业开办 (一件事一次办): 企业设立登记 first — it registers the enterprise, whose 统一社会信用代码 intake
 * assigns when the bundle is filed and which the business licence carries as its holder code; as soon as
 * the licence exists, 公章刻制备案, 税务登记 and 发票领用, 社保登记 and 公积金登记 start in parallel, each
 * filed in the enterprise's name with the licence attached (免提交).
 */
export const ENTERPRISE_OPENING: BundleDefinitionSpec = {
  code: 'QYKB',
  name: '企业开办',
  description: '企业设立登记、公章刻制、税务登记与发票申领、社保登记、住房公积金登记，一次申请、并联办理',
  formFields: [
    field('companyName', '企业名称'),
    field('registeredCapital', '注册资本'),
    field('premises', '住所'),
    field('businessScope', '经营范围'),
    field('sealType', '印章类型'),
    field('sealCount', '刻制数量'),
    field('taxpayerType', '纳税人类型'),
    field('accountingMode', '财务核算方式'),
    field('invoiceType', '发票种类'),
    field('monthlyQuantity', '每月最高领用数量'),
    field('insuranceTypes', '参保险种'),
    field('startMonth', '参保及公积金缴存起始年月'),
    field('depositRate', '住房公积金缴存比例'),
  ],
  materials: [
    material('B01', '公司登记（备案）申请书'),
    material('B02', '公司章程'),
    material('B03', '股东主体资格证明'),
    material('B04', '住所使用证明'),
    material('B05', '法定代表人身份证件'),
    material('B06', '经办人身份证件'),
    material('B07', '发票领用申请表'),
    material('B08', '发票专用章印模'),
    material('B09', '社会保险登记表'),
    material('B10', '住房公积金单位缴存登记表'),
  ],
  members: [
    { taskCode: ENTERPRISE_SETUP_CODE, dependsOn: [], applicant: 'ENTERPRISE' },
    { taskCode: SEAL_CODE, dependsOn: afterSetup, applicant: 'ENTERPRISE' },
    { taskCode: TAX_REGISTRATION_CODE, dependsOn: afterSetup, applicant: 'ENTERPRISE' },
    { taskCode: INVOICE_CODE, dependsOn: afterSetup, applicant: 'ENTERPRISE' },
    { taskCode: SOCIAL_INSURANCE_CODE, dependsOn: afterSetup, applicant: 'ENTERPRISE' },
    { taskCode: HOUSING_FUND_CODE, dependsOn: afterSetup, applicant: 'ENTERPRISE' },
  ],
  mapping: {
    [ENTERPRISE_SETUP_CODE]: {
      companyName: 'companyName',
      registeredCapital: 'registeredCapital',
      premises: 'premises',
      businessScope: 'businessScope',
    },
    [SEAL_CODE]: { sealType: 'sealType', sealCount: 'sealCount' },
    [TAX_REGISTRATION_CODE]: { taxpayerType: 'taxpayerType', accountingMode: 'accountingMode' },
    [INVOICE_CODE]: { invoiceType: 'invoiceType', monthlyQuantity: 'monthlyQuantity' },
    [SOCIAL_INSURANCE_CODE]: { insuranceTypes: 'insuranceTypes', startMonth: 'startMonth' },
    [HOUSING_FUND_CODE]: { depositRate: 'depositRate', firstDepositMonth: 'startMonth' },
  },
  materialMapping: {
    [ENTERPRISE_SETUP_CODE]: { M01: 'B01', M02: 'B02', M03: 'B03', M04: 'B04' },
    [SEAL_CODE]: { M01: '$dependency.licence', M02: 'B05' },
    [TAX_REGISTRATION_CODE]: { M01: '$dependency.licence', M02: 'B05' },
    [INVOICE_CODE]: { M01: 'B07', M02: 'B06', M03: 'B08' },
    [SOCIAL_INSURANCE_CODE]: { M01: 'B09' },
    [HOUSING_FUND_CODE]: { M01: 'B10', M02: '$dependency.licence', M03: 'B06' },
  },
  enterprise: { registeredBy: ENTERPRISE_SETUP_CODE, nameField: 'companyName' },
};

export const SEED_BUNDLES: BundleDefinitionSpec[] = [ENTERPRISE_OPENING];
