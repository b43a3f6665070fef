/** 持证主体代码类型代码 (docs/standards.md, GB/T 36903 / GA/T 2000.156). */
export const HOLDER_CERT_TYPES = {
  '001': '统一社会信用代码',
  '099': '其他法人或其他组织有效证件代码',
  '111': '公民身份号码',
  '114': '中国人民解放军军官证',
  '115': '中国人民武装警察警官证',
  '118': '中国人民解放军士兵证',
  '119': '中国人民武装警察士兵证',
  '120': '中国人民解放军文职人员证',
  '122': '中国人民武装警察文职人员证',
  '411': '外交护照',
  '412': '公务护照',
  '413': '公务普通护照',
  '414': '普通护照',
  '511': '台湾居民来往大陆通行证',
  '516': '港澳居民来往内地通行证',
  '999': '其他自然人有效证件代码',
} as const;

/** Holder ID types of organisations (法人和其他组织); every other type identifies a natural person. */
export const ORGANISATION_CERT_TYPES: readonly string[] = ['001', '099'];

/** True for the ID types of natural persons (公民身份号码, passports, 通行证, military IDs, 999 …). */
export function isNaturalPersonCertType(certType: string): boolean {
  return !ORGANISATION_CERT_TYPES.includes(certType);
}

/** 申请人类型 userProp (docs/standards.md). */
export const USER_PROPS = {
  '1': '自然人',
  '2': '企业法人',
  '3': '事业法人',
  '4': '社会组织法人',
  '5': '非法人企业',
  '6': '行政机关',
  '9': '其他组织',
} as const;
