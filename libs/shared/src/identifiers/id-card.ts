/** 公民身份号码 (GB 11643-1999): 6-digit region, 8-digit birth date, 3-digit sequence, MOD 11-2 check. */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';
const PROVINCES = new Set([
  '11',
  '12',
  '13',
  '14',
  '15',
  '21',
  '22',
  '23',
  '31',
  '32',
  '33',
  '34',
  '35',
  '36',
  '37',
  '41',
  '42',
  '43',
  '44',
  '45',
  '46',
  '50',
  '51',
  '52',
  '53',
  '54',
  '61',
  '62',
  '63',
  '64',
  '65',
  '71',
  '81',
  '82',
  '83',
  '91',
]);

export function idCardCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i];
  return CHECK[sum % 11];
}

function validBirthDate(s: string, today = new Date()): string | null {
  const y = Number(s.slice(0, 4));
  const m = Number(s.slice(4, 6));
  const d = Number(s.slice(6, 8));
  const dt = new Date(Date.UTC(y, m - 1, d));
  if (dt.getUTCFullYear() !== y || dt.getUTCMonth() !== m - 1 || dt.getUTCDate() !== d) return null;
  if (y < 1900 || dt.getTime() > today.getTime()) return null;
  return `${s.slice(0, 4)}-${s.slice(4, 6)}-${s.slice(6, 8)}`;
}

export interface ParsedIdCard {
  regionCode: string;
  birthDate: string;
  gender: 'M' | 'F';
}

export function parseIdCardNumber(raw: string): ParsedIdCard | null {
  const s = raw.trim().toUpperCase();
  if (!/^\d{17}[\dX]$/.test(s)) return null;
  if (!PROVINCES.has(s.slice(0, 2))) return null;
  const birthDate = validBirthDate(s.slice(6, 14));
  if (!birthDate) return null;
  if (idCardCheckChar(s.slice(0, 17)) !== s[17]) return null;
  return { regionCode: s.slice(0, 6), birthDate, gender: Number(s[16]) % 2 === 1 ? 'M' : 'F' };
}

export function isValidIdCardNumber(s: string): boolean {
  return parseIdCardNumber(s) !== null;
}

/** 110101********1234: first 6 and last 4 kept. */
export function maskIdCardNumber(s: string): string {
  const v = s.trim().toUpperCase();
  if (v.length <= 10) return '*'.repeat(v.length);
  return `${v.slice(0, 6)}${'*'.repeat(v.length - 10)}${v.slice(-4)}`;
}

/** Any other identifier: first 3 and last 2 kept. */
export function maskIdentifier(s: string): string {
  const v = s.trim();
  if (v.length <= 5) return '*'.repeat(v.length);
  return `${v.slice(0, 3)}${'*'.repeat(v.length - 5)}${v.slice(-2)}`;
}
