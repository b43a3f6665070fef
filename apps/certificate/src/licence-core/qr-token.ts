import { sm2Sign, sm2Verify } from './sm2';

/**
 * The QR code's compact verification token: `GOVLIC1.<base64url(JSON {i,v,k,t})>.<base64url(DER SM2 sig)>`.
 * i = licence identifier, v = version, k = signing key id, t = issue time (epoch seconds).
 */
export interface QrTokenPayload {
  i: string;
  v: string;
  k: string;
  t: number;
}

const PREFIX = 'GOVLIC1';
const b64url = (b: Buffer): string => b.toString('base64url');

export function createQrToken(
  p: { identifier: string; version: string; kid: string; issuedAt: number },
  privateKeyHex: string,
): string {
  const body = b64url(
    Buffer.from(
      JSON.stringify({ i: p.identifier, v: p.version, k: p.kid, t: p.issuedAt } satisfies QrTokenPayload),
    ),
  );
  const signed = `${PREFIX}.${body}`;
  return `${signed}.${b64url(Buffer.from(sm2Sign(signed, privateKeyHex), 'base64'))}`;
}

export function parseQrToken(token: string): QrTokenPayload | null {
  const parts = token.split('.');
  if (
    parts.length !== 3 ||
    parts[0] !== PREFIX ||
    !/^[A-Za-z0-9_-]+$/.test(parts[1]) ||
    !/^[A-Za-z0-9_-]+$/.test(parts[2])
  ) {
    return null;
  }
  try {
    const p = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8')) as Partial<QrTokenPayload>;
    if (
      typeof p.i !== 'string' ||
      typeof p.v !== 'string' ||
      typeof p.k !== 'string' ||
      typeof p.t !== 'number'
    ) {
      return null;
    }
    return { i: p.i, v: p.v, k: p.k, t: p.t };
  } catch {
    return null;
  }
}

export function verifyQrToken(
  token: string,
  resolvePublicKey: (kid: string) => string | undefined,
): { valid: boolean; reason?: 'MALFORMED' | 'UNKNOWN_KEY' | 'BAD_SIGNATURE'; payload?: QrTokenPayload } {
  const payload = parseQrToken(token);
  if (!payload) return { valid: false, reason: 'MALFORMED' };
  const pub = resolvePublicKey(payload.k);
  if (!pub) return { valid: false, reason: 'UNKNOWN_KEY', payload };
  const cut = token.lastIndexOf('.');
  const sig = Buffer.from(token.slice(cut + 1), 'base64url').toString('base64');
  return sm2Verify(token.slice(0, cut), sig, pub)
    ? { valid: true, payload }
    : { valid: false, reason: 'BAD_SIGNATURE', payload };
}
