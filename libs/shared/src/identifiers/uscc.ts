/**
 * 统一社会信用代码 (GB 32100-2015): 登记管理部门码 (1) + 机构类别码 (1) + 登记管理机关行政区划码 (6)
 * + 主体标识码 = 组织机构代码 (9, GB 11714 with its own MOD 11 check) + check character (MOD 31).
 */
const CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
/** 登记管理部门代码 and the 机构类别代码 each allows (GB 32100 表 1). */
const CATEGORIES: Record<string, string> = {
  '1': '1239', // 机构编制: 机关, 事业单位, 中央编办直接管理机构编制的群众团体, 其他
  '2': '19', // 外交
  '3': '129', // 司法行政
  '4': '129', // 文化
  '5': '1239', // 民政: 社会团体, 民办非企业单位, 基金会, 其他
  '6': '129', // 旅游
  '7': '129', // 宗教
  '8': '129', // 工会
  '9': '123', // 工商: 企业, 个体工商户, 农民专业合作社
  A: '19', // 中央军委改革和编制办公室
  N: '1239', // 农业
  Y: '1', // 其他
};
const ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2];

function orgValue(c: string): number {
  return /\d/.test(c) ? Number(c) : c.charCodeAt(0) - 55; // A = 10 … Z = 35
}

/** GB 11714 组织机构代码 check character of its first 8 characters. */
export function orgCodeCheckChar(first8: string): string {
  const r = 11 - (first8.split('').reduce((s, c, i) => s + orgValue(c) * ORG_WEIGHTS[i], 0) % 11);
  return r === 10 ? 'X' : r === 11 ? '0' : String(r);
}

export function usccCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const v = CHARSET.indexOf(first17[i]);
    if (v < 0) throw new Error(`invalid USCC character ${first17[i]}`);
    sum += v * WEIGHTS[i];
  }
  const c = 31 - (sum % 31);
  return CHARSET[c === 31 ? 0 : c];
}

export function isValidUscc(raw: string): boolean {
  const s = raw.trim().toUpperCase();
  if (!/^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/.test(s)) return false;
  const allowed = CATEGORIES[s[0]];
  if (!allowed || !allowed.includes(s[1])) return false;
  // The embedded 组织机构代码 carries its own check character (digits or X at position 17).
  const org = s.slice(8, 17);
  if (!/^[0-9A-Z]{8}[0-9X]$/.test(org) || orgCodeCheckChar(org.slice(0, 8)) !== org[8]) return false;
  return usccCheckChar(s.slice(0, 17)) === s[17];
}
