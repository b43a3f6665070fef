/**
 * Finds the first string containing a NUL character in a parsed request (path params, query, JSON body).
 * PostgreSQL cannot store U+0000 in text or jsonb, so such input would otherwise fail deep inside a
 * transaction as a 500; it is refused at the edge as a 400 instead. Returns the offending path or null.
 */
export function findNulCharacter(value: unknown, path = '$', depth = 0): string | null {
  if (typeof value === 'string') return value.includes('\u0000') ? path : null;
  if (depth > 64 || value === null || typeof value !== 'object' || Buffer.isBuffer(value)) return null;
  for (const [k, v] of Object.entries(value)) {
    if (k.includes('\u0000')) return `${path}.<key>`;
    const found = findNulCharacter(v, Array.isArray(value) ? `${path}[${k}]` : `${path}.${k}`, depth + 1);
    if (found) return found;
  }
  return null;
}
