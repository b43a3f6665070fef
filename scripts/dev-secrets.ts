/**
 * Creates (once) the local development secrets in .infra/dev/: the ES256 key pair that signs and verifies
 * JWTs, the SM2 licence signing key, the PII hash key and the webhook secret key; writes .infra/dev/env.sh for scripts/up.sh.
 * Never used in production: there, keys come from the cluster's secret store (see k8s/).
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { sm2 } from 'sm-crypto-v2';
import { generateEs256KeyPair } from '../libs/shared/src/auth/token-signer';

const dir = join(__dirname, '..', '.infra', 'dev');
mkdirSync(dir, { recursive: true, mode: 0o700 });
const file = (n: string) => join(dir, n);

if (!existsSync(file('jwt-private.pem'))) {
  const kp = generateEs256KeyPair();
  writeFileSync(file('jwt-private.pem'), kp.privateKeyPem, { mode: 0o600 });
  writeFileSync(file('jwt-public.pem'), kp.publicKeyPem);
}
if (!existsSync(file('sm2-private.hex'))) {
  writeFileSync(file('sm2-private.hex'), sm2.generateKeyPairHex().privateKey, { mode: 0o600 });
}
if (!existsSync(file('pii-hash.key'))) {
  writeFileSync(file('pii-hash.key'), randomBytes(32).toString('hex'), { mode: 0o600 });
}
if (!existsSync(file('webhook-secret.key'))) {
  // Seals partners' webhook signing secrets at rest (WEBHOOK_SECRET_KEY, required in production).
  writeFileSync(file('webhook-secret.key'), randomBytes(32).toString('hex'), { mode: 0o600 });
}
const q = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;
writeFileSync(
  file('env.sh'),
  [
    `export JWT_PUBLIC_KEY=${q(readFileSync(file('jwt-public.pem'), 'utf8'))}`,
    `export SIGNING_PRIVATE_KEY=${q(readFileSync(file('sm2-private.hex'), 'utf8').trim())}`,
    `export SIGNING_KEY_ID=dev-1`,
    `export PII_HASH_KEY=${q(readFileSync(file('pii-hash.key'), 'utf8').trim())}`,
    '',
  ].join('\n'),
  { mode: 0o600 },
);
console.log(`[dev] secrets ready in ${dir}`);
