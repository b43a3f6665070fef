import { generateSecret, sign, signedHeaders, verify } from './standard-webhooks';

/**
 * Known-answer test: the vector of the Standard Webhooks reference library
 * (standard-webhooks/standard-webhooks, libraries/javascript/src/webhook.test.ts, "sign function works").
 */
const VECTOR = {
  secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
  id: 'msg_p5jXN8AQM9LWM0D4loKWxJek',
  timestamp: 1614265330,
  body: '{"test": 2432232314}',
  signature: 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=',
};

describe('Standard Webhooks signing', () => {
  it('matches the specification test vector', () => {
    expect(sign(VECTOR.secret, VECTOR.id, VECTOR.timestamp, VECTOR.body)).toBe(VECTOR.signature);
  });

  it('signs with every secret given, space-separated, current first', () => {
    const next = generateSecret();
    const h = signedHeaders([next, VECTOR.secret], VECTOR.id, VECTOR.timestamp, VECTOR.body);
    expect(h['webhook-id']).toBe(VECTOR.id);
    expect(h['webhook-timestamp']).toBe('1614265330');
    const parts = h['webhook-signature'].split(' ');
    expect(parts).toHaveLength(2);
    expect(parts[1]).toBe(VECTOR.signature);
    const headers = { id: VECTOR.id, timestamp: '1614265330', signature: h['webhook-signature'] };
    expect(verify(VECTOR.secret, headers, VECTOR.body, { nowSeconds: VECTOR.timestamp })).toBe(true);
    expect(verify(next, headers, VECTOR.body, { nowSeconds: VECTOR.timestamp })).toBe(true);
  });

  it('refuses a changed body, another secret and a stale timestamp', () => {
    const headers = { id: VECTOR.id, timestamp: '1614265330', signature: VECTOR.signature };
    const at = { nowSeconds: VECTOR.timestamp };
    expect(verify(VECTOR.secret, headers, '{"test": 2432232315}', at)).toBe(false);
    expect(verify(generateSecret(), headers, VECTOR.body, at)).toBe(false);
    expect(verify(VECTOR.secret, headers, VECTOR.body, { nowSeconds: VECTOR.timestamp + 301 })).toBe(false);
  });

  it('generates whsec_ secrets of 24 random bytes', () => {
    const s = generateSecret();
    expect(s).toMatch(/^whsec_[A-Za-z0-9+/]{32}$/);
    expect(generateSecret()).not.toBe(s);
  });
});
