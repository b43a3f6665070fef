import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sm2 } from 'sm-crypto-v2';
import {
  canonicalJson,
  createQrToken,
  generateSm2KeyPair,
  LicenceSignedData,
  qrStencil,
  renderLicencePdf,
  signLicence,
  SM2_DEFAULT_USER_ID,
  sm2PublicKeyPem,
  sm2Sign,
  sm2Verify,
  sm3Hex,
  verifyLicenceSignature,
  verifyQrToken,
} from './index';

const FONT = '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc';
const tool = (name: string) => {
  if (spawnSync('which', [name]).status !== 0) {
    throw new Error(`${name} missing: run scripts/ensure-system-deps.sh`);
  }
  return name;
};

describe('SM2 / SM3', () => {
  const key = generateSm2KeyPair();

  it('signs and verifies; a changed byte or another key fails', () => {
    const sig = sm2Sign('电子证照', key.privateKeyHex);
    expect(sm2Verify('电子证照', sig, key.publicKeyHex)).toBe(true);
    expect(sm2Verify('电子证明', sig, key.publicKeyHex)).toBe(false);
    expect(sm2Verify('电子证照', sig, generateSm2KeyPair().publicKeyHex)).toBe(false);
    expect(sm2Verify('电子证照', 'not base64!', key.publicKeyHex)).toBe(false);
    // The same r and s under an altered DER header must not verify (the library alone would accept it).
    const der = Buffer.from(sig, 'base64');
    der[0] = 0x00;
    expect(sm2Verify('电子证照', der.toString('base64'), key.publicKeyHex)).toBe(false);
  });

  it('signs with the public key of the key it is given, keys used in turn (the remembered public keys)', () => {
    const other = generateSm2KeyPair();
    for (let i = 0; i < 3; i++) {
      for (const k of [key, other]) {
        const sig = sm2Sign(`证照 ${i}`, k.privateKeyHex);
        const z = k === key ? other : key;
        expect(sm2Verify(`证照 ${i}`, sig, k.publicKeyHex)).toBe(true);
        expect(sm2Verify(`证照 ${i}`, sig, z.publicKeyHex)).toBe(false);
      }
    }
  });

  it('verifies many signatures under one key with its precomputed point, and agrees with the library', () => {
    const messages = Array.from({ length: 20 }, (_, i) => `证照 ${i}`);
    const sigs = messages.map((m) => sm2Sign(m, key.privateKeyHex));
    for (const [i, m] of messages.entries()) {
      expect(sm2Verify(m, sigs[i], key.publicKeyHex)).toBe(true);
      // A signature of another message under the same (cached) key fails; so does the library's own check.
      const other = sigs[(i + 1) % sigs.length];
      expect(sm2Verify(m, other, key.publicKeyHex)).toBe(false);
      expect(
        sm2.doVerifySignature(
          new Uint8Array(Buffer.from(m)),
          Buffer.from(sigs[i], 'base64').toString('hex'),
          key.publicKeyHex,
          {
            hash: true,
            der: true,
            userId: SM2_DEFAULT_USER_ID,
          },
        ),
      ).toBe(true);
    }
  });

  it('answers false, never throws, for a public key that is not a curve point', () => {
    const sig = sm2Sign('电子证照', key.privateKeyHex);
    expect(sm2Verify('电子证照', sig, '04' + 'ab'.repeat(64))).toBe(false);
    expect(sm2Verify('电子证照', sig, 'not hex')).toBe(false);
  });

  it('interoperates with OpenSSL (SM3 digest, default user id, PEM SubjectPublicKeyInfo)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sm2-'));
    writeFileSync(join(dir, 'data'), 'licence data 证照');
    writeFileSync(
      join(dir, 'sig.der'),
      Buffer.from(sm2Sign(Buffer.from('licence data 证照'), key.privateKeyHex), 'base64'),
    );
    writeFileSync(join(dir, 'pub.pem'), sm2PublicKeyPem(key.publicKeyHex));
    const verify = (file: string) =>
      spawnSync(
        'openssl',
        [
          'dgst',
          '-sm3',
          '-verify',
          join(dir, 'pub.pem'),
          '-sigopt',
          'distid:1234567812345678',
          '-signature',
          join(dir, 'sig.der'),
          join(dir, file),
        ],
        { encoding: 'utf8' },
      );
    const ok = verify('data');
    expect(ok.stdout).toContain('Verified OK');
    writeFileSync(join(dir, 'tampered'), 'licence data 证照!');
    expect(verify('tampered').status).not.toBe(0);
  });

  it('canonical JSON is independent of key order and SM3 matches the GB/T 32905 vector', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { y: 2, x: 1 }], c: undefined } })).toBe(
      '{"a":{"d":[1,{"x":1,"y":2}]},"b":1}',
    );
    expect(sm3Hex('abc')).toBe('66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0');
  });
});

describe('licence signature, QR token and PDF', () => {
  const key = generateSm2KeyPair();
  const data: LicenceSignedData = {
    identifier: '1.2.156.3005.2.111000000000135652001.113301000024901620.33010020261124000001.001.Z',
    typeCode: '111000000000135652001',
    typeName: '食品经营许可证',
    holderName: '杭州某某餐饮管理有限公司',
    holderCodeType: '001',
    holderCode: '91330106MA2H00000X',
    issuerCode: '113301000024901620',
    issuerName: '杭州市市场监督管理局',
    issueDate: '2026-11-24',
    validFrom: '2026-11-24',
    validTo: '2031-11-23',
    caseNo: '33010020261124000001',
    itemCode: 'ITEM',
    faceFields: { 经营场所: '杭州市西湖区文三路 100 号' },
    fileSm3: 'a'.repeat(64),
  };

  it('verifies the signed licence data and detects any change', () => {
    const sig = signLicence(data, { kid: 'k1', privateKeyHex: key.privateKeyHex });
    expect(verifyLicenceSignature(data, sig.signature, key.publicKeyHex)).toEqual({ valid: true });
    expect(
      verifyLicenceSignature({ ...data, holderName: '别的公司' }, sig.signature, key.publicKeyHex),
    ).toEqual({ valid: false, reason: 'SIGNATURE_MISMATCH' });
    expect(
      verifyLicenceSignature({ ...data, faceFields: { 经营场所: '别处' } }, sig.signature, key.publicKeyHex)
        .valid,
    ).toBe(false);
  });

  it('QR tokens verify and reject tampering or unknown keys', () => {
    const token = createQrToken(
      { identifier: data.identifier, version: '001', kid: 'k1', issuedAt: 1764000000 },
      key.privateKeyHex,
    );
    expect(token.length).toBeLessThan(400);
    const resolve = (kid: string) => (kid === 'k1' ? key.publicKeyHex : undefined);
    expect(verifyQrToken(token, resolve)).toMatchObject({
      valid: true,
      payload: { i: data.identifier, v: '001', k: 'k1' },
    });
    const parts = token.split('.');
    const forged = `${parts[0]}.${Buffer.from(JSON.stringify({ i: data.identifier, v: '002', k: 'k1', t: 1 })).toString('base64url')}.${parts[2]}`;
    expect(verifyQrToken(forged, resolve)).toMatchObject({ valid: false, reason: 'BAD_SIGNATURE' });
    expect(verifyQrToken(token, () => undefined)).toMatchObject({ valid: false, reason: 'UNKNOWN_KEY' });
    expect(verifyQrToken('garbage', resolve)).toMatchObject({ valid: false, reason: 'MALFORMED' });
  });

  it('renders a PDF whose Chinese text extracts and whose QR decodes to the verification URL', async () => {
    const token = createQrToken(
      { identifier: data.identifier, version: '001', kid: 'k1', issuedAt: 1764000000 },
      key.privateKeyHex,
    );
    const url = `http://127.0.0.1:3000/api/v1/verify/${token}`;
    const pdf = await renderLicencePdf(
      {
        identifier: data.identifier,
        licenceName: '食品经营许可证',
        holderName: data.holderName,
        holderCodeLabel: '统一社会信用代码',
        holderCode: data.holderCode,
        issuerName: data.issuerName,
        issueDate: data.issueDate,
        validFrom: data.validFrom,
        validTo: data.validTo,
        faceFields: [{ label: '经营场所', value: '杭州市西湖区文三路 100 号' }],
        qrText: url,
        verifyUrl: url,
      },
      { fontPath: FONT },
    );
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const dir = mkdtempSync(join(tmpdir(), 'pdf-'));
    writeFileSync(join(dir, 'l.pdf'), pdf);
    const text = execFileSync(tool('pdftotext'), [join(dir, 'l.pdf'), '-'], { encoding: 'utf8' });
    expect(text).toContain('食品经营许可证');
    expect(text).toContain('杭州某某餐饮管理有限公司');
    expect(text).toContain('杭州市市场监督管理局');
    execFileSync(tool('pdftoppm'), [
      '-r',
      '150',
      '-png',
      '-singlefile',
      join(dir, 'l.pdf'),
      join(dir, 'page'),
    ]);
    const decoded = execFileSync(tool('zbarimg'), ['--raw', '-q', join(dir, 'page.png')], {
      encoding: 'utf8',
    }).trim();
    expect(decoded).toBe(url);
    await expect(renderLicencePdf({} as never, { fontPath: '/nope.ttc' })).rejects.toThrow(
      /fonts-wqy-microhei/,
    );
  });
});

describe('QR stencil (the QR code as a 1-bit image mask)', () => {
  it('puts each dark module at its place inside the quiet zone, one bit per module, rows padded to bytes', () => {
    // 3×3 diagonal: 7 pixels wide with the 2-module quiet zone, one byte per row.
    const small = qrStencil(3, Uint8Array.from([1, 0, 0, 0, 1, 0, 0, 0, 1]));
    expect(small.width).toBe(7);
    expect([...small.mask]).toEqual([0, 0, 0x20, 0x10, 0x08, 0, 0]);
    // 9 dark modules in the first row: 13 pixels wide, two bytes per row, bits 2–10 of row 2 set.
    const wide = qrStencil(
      9,
      Uint8Array.from({ length: 81 }, (_, i) => (i < 9 ? 1 : 0)),
    );
    expect(wide.width).toBe(13);
    expect(wide.mask).toHaveLength(26);
    expect([...wide.mask.subarray(4, 6)]).toEqual([0x3f, 0xe0]);
    expect(wide.mask.reduce((n, b) => n + (b === 0 ? 0 : 1), 0)).toBe(2);
  });
});
