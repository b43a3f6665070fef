import { createHmac } from 'node:crypto';

/**
 * HMAC-SM3 of a normalised identifier: lets services match a natural person's ID number across events
 * without ever carrying it (docs/architecture.md, personal data).
 */
export function keyedHash(key: string, value: string): string {
  return createHmac('sm3', key).update(value.trim().toUpperCase(), 'utf8').digest('hex');
}
