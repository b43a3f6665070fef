/**
 * One rule for every string that comes from outside (HTTP bodies, query strings, token claims) or goes
 * into an event: PostgreSQL refuses U+0000 and lone UTF-16 surrogates (a 500 deep inside a transaction),
 * and control characters have no business in a name or an opinion. Such input is refused at the edge.
 */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
// C0 controls except TAB, LF and CR; DEL and the C1 controls.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;
const LINE_BREAK = /[\r\n\t]/;

export function hasLoneSurrogate(s: string): boolean {
  return LONE_SURROGATE.test(s);
}

/** Length in characters as PostgreSQL counts them for varchar(n) (code points, not UTF-16 units). */
export function charLength(s: string): number {
  let n = 0;
  for (const _ of s) n++;
  return n;
}

export interface TextRule {
  /** Least length after trimming (default 1: blank text is refused). */
  min?: number;
  /** Greatest length in characters (the column's). */
  max: number;
  /** Allow line breaks and tabs (free text such as opinions); default false. */
  multiline?: boolean;
}

/** Why `value` breaks the text rule, or null when it is clean. `value` is taken as already trimmed. */
export function textProblem(value: unknown, rule: TextRule): string | null {
  if (typeof value !== 'string') return 'must be a string / 须为字符串';
  if (value.includes('\u0000')) return 'must not contain NUL characters / 不允许包含空字符';
  if (hasLoneSurrogate(value)) return 'must be valid Unicode text (lone surrogate) / 含有无效的 Unicode 字符';
  if (CONTROL.test(value)) return 'must not contain control characters / 不允许包含控制字符';
  if (!rule.multiline && LINE_BREAK.test(value)) return 'must be a single line / 不允许换行';
  const len = charLength(value);
  const min = rule.min ?? 1;
  if (len < min) {
    return min === 1
      ? 'must not be blank / 不能为空'
      : `must be at least ${min} characters / 至少 ${min} 个字符`;
  }
  if (len > rule.max) return `must be at most ${rule.max} characters / 不超过 ${rule.max} 个字符`;
  return null;
}

/** Strings in a parsed request (path, query, JSON body, keys included) that no text field may hold. */
export function findForbiddenText(
  value: unknown,
  path = '$',
  depth = 0,
): { path: string; problem: string } | null {
  if (typeof value === 'string') {
    if (value.includes('\u0000')) {
      return { path, problem: '不允许包含空字符 / NUL characters are not allowed' };
    }
    if (hasLoneSurrogate(value)) {
      return { path, problem: '含有无效的 Unicode 字符 / lone UTF-16 surrogates are not allowed' };
    }
    return null;
  }
  if (depth > 64 || value === null || typeof value !== 'object' || Buffer.isBuffer(value)) return null;
  for (const [k, v] of Object.entries(value)) {
    if (k.includes('\u0000') || hasLoneSurrogate(k)) {
      return { path: `${path}.<key>`, problem: '键名含有无效字符 / invalid characters in a key' };
    }
    const found = findForbiddenText(v, Array.isArray(value) ? `${path}[${k}]` : `${path}.${k}`, depth + 1);
    if (found) return found;
  }
  return null;
}
