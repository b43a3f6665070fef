import { createHash } from 'node:crypto';

export { canonicalJson } from '@app/shared/serialization';

export function sm3Hex(data: Buffer | string): string {
  return createHash('sm3').update(data).digest('hex');
}
