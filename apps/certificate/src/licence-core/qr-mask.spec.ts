import { randomBytes } from 'node:crypto';
import QRCode from 'qrcode';
import { bestMask, installFastMaskSelection, QrBitMatrix, qrcodeBestMask } from './qr-mask';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const maskModule = require('qrcode/lib/core/mask-pattern') as {
  getBestMask: (data: QrBitMatrix, setup: (p: number) => void) => number;
};

describe('QR mask selection (ISO/IEC 18004 penalties, as qrcode scores them)', () => {
  afterEach(() => installFastMaskSelection());

  it('chooses the mask qrcode chooses, on the same matrix, for many symbols of many sizes and levels', () => {
    const chosen: Array<[number, number]> = [];
    maskModule.getBestMask = (data, setup) => {
      const ours = bestMask(data, setup);
      const afterOurs = Uint8Array.from(data.data);
      const theirs = qrcodeBestMask(data, setup);
      // Neither leaves the data masked; both leave the last candidate's format bits.
      expect(Buffer.from(data.data).equals(Buffer.from(afterOurs))).toBe(true);
      chosen.push([ours, theirs]);
      return theirs;
    };
    const levels = ['L', 'M', 'Q', 'H'] as const;
    for (let i = 0; i < 240; i++) {
      const url = `https://gov.example.cn/api/v1/verify/${randomBytes(8 + (i % 120)).toString('base64url')}`;
      QRCode.create([{ data: Buffer.from(url), mode: 'byte' }], { errorCorrectionLevel: levels[i % 4] });
    }
    expect(chosen).toHaveLength(240);
    for (const [ours, theirs] of chosen) expect(ours).toBe(theirs);
    // The inputs exercise the selection: several different masks win.
    expect(new Set(chosen.map(([, theirs]) => theirs)).size).toBeGreaterThanOrEqual(5);
  });

  it('is what QRCode.create uses once installed, with the same symbol as qrcode alone', () => {
    const url = 'https://gov.example.cn/api/v1/verify/' + randomBytes(90).toString('base64url');
    const segments = [{ data: Buffer.from(url), mode: 'byte' as const }];
    maskModule.getBestMask = qrcodeBestMask;
    const theirs = QRCode.create(segments, { errorCorrectionLevel: 'M' });
    installFastMaskSelection();
    expect(maskModule.getBestMask).toBe(bestMask);
    const ours = QRCode.create(segments, { errorCorrectionLevel: 'M' });
    expect(ours.maskPattern).toBe(theirs.maskPattern);
    expect(Buffer.from(ours.modules.data).equals(Buffer.from(theirs.modules.data))).toBe(true);
  });
});
