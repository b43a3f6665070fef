import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

const PREFIX = 'sealed:v1:';

/**
 * Partners' signing secrets at rest: AES-256-GCM under a key derived from WEBHOOK_SECRET_KEY
 * (`sealed:v1:<iv>.<tag>.<ciphertext>`, base64). Without a key (development, tests) secrets are stored as
 * they are; a sealed value is always opened, so a key added later works for old and new rows.
 */
export class SecretBox {
  private readonly key?: Buffer;

  constructor(keyMaterial: string | undefined) {
    if (keyMaterial) this.key = createHash('sha256').update(keyMaterial, 'utf8').digest();
  }

  seal(secret: string): string {
    if (!this.key) return secret;
    const iv = randomBytes(12);
    const c = createCipheriv('aes-256-gcm', this.key, iv);
    const ct = Buffer.concat([c.update(secret, 'utf8'), c.final()]);
    return `${PREFIX}${[iv, c.getAuthTag(), ct].map((b) => b.toString('base64')).join('.')}`;
  }

  open(stored: string): string {
    if (!stored.startsWith(PREFIX)) return stored;
    if (!this.key) throw new Error('a sealed webhook secret needs WEBHOOK_SECRET_KEY');
    const [iv, tag, ct] = stored
      .slice(PREFIX.length)
      .split('.')
      .map((p) => Buffer.from(p, 'base64'));
    const d = createDecipheriv('aes-256-gcm', this.key, iv);
    d.setAuthTag(tag);
    return Buffer.concat([d.update(ct), d.final()]).toString('utf8');
  }
}
