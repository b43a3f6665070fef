import { componentIdOffsets, loadLicenceFont } from './licence-font';

const FONT = '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc';

interface Subset {
  includeGlyph(gid: number): number;
  encode(): Uint8Array;
  _addGlyph: (gid: number) => number;
  _addGlyphDecoding: (gid: number) => number;
}

interface DecodedGlyph {
  _decode(): { numberOfContours: number; components?: Array<{ glyphID: number; pos: number }> } | null;
}

const TEXT =
  '食品经营许可证 持证主体 统一社会信用代码 杭州市市场监督管理局 有效期 至 长期 发证日期 扫码核验 Scan to verify 0123456789-:/.';

describe('licence font (fontkit subset without outline decoding)', () => {
  const font = loadLicenceFont(FONT);
  // Every 37th glyph of the font (1,339 glyphs, simple and composite) and the glyphs of a licence's text.
  const sample = Array.from({ length: Math.floor(font.numGlyphs / 37) }, (_, i) => i * 37);
  const textGlyphs = font.layout(TEXT).glyphs.map((g) => g.id);

  it('finds the component ids where fontkit decodes them, for every composite glyph of the sample', () => {
    let composites = 0;
    for (const gid of sample) {
      const decoded = (font.getGlyph(gid) as unknown as DecodedGlyph)._decode();
      if (!decoded || decoded.numberOfContours >= 0) continue;
      composites++;
      const subset = font.createSubset() as unknown as {
        font: { _getTableStream(t: string): { pos: number; readBuffer(n: number): Uint8Array } };
      };
      const offsets = (font as unknown as { loca: { offsets: number[] } }).loca.offsets;
      const stream = subset.font._getTableStream('glyf');
      stream.pos += offsets[gid];
      const bytes = stream.readBuffer(offsets[gid + 1] - offsets[gid]);
      expect(componentIdOffsets(bytes)).toEqual(decoded.components?.map((c) => c.pos));
    }
    // The sample holds many composites (this font builds most CJK glyphs from components).
    expect(composites).toBeGreaterThan(500);
  });

  it('embeds the same subset, byte for byte, as fontkit decoding every glyph', () => {
    for (const glyphs of [textGlyphs, sample]) {
      const fast = font.createSubset() as unknown as Subset;
      const decoding = font.createSubset() as unknown as Subset;
      decoding._addGlyph = decoding._addGlyphDecoding;
      expect(decoding._addGlyph).not.toBe(fast._addGlyph);
      for (const gid of glyphs) expect(fast.includeGlyph(gid)).toBe(decoding.includeGlyph(gid));
      const a = Buffer.from(fast.encode());
      const b = Buffer.from(decoding.encode());
      expect(a.length).toBeGreaterThan(1000);
      expect(a.equals(b)).toBe(true);
    }
  });

  it('keeps fontkit’s own path for a font it cannot copy without decoding (variable fonts)', () => {
    const subset = font.createSubset() as unknown as Subset & { font: object };
    const calls: number[] = [];
    // The subset's own methods, on a font that has a variation processor.
    const probe = Object.setPrototypeOf(
      {
        font: Object.setPrototypeOf({ _variationProcessor: {} }, subset.font) as object,
        _addGlyphDecoding: (gid: number) => calls.push(gid),
      },
      subset,
    ) as Subset;
    expect(probe._addGlyph(5)).toBe(1);
    expect(calls).toEqual([5]);
  });
});
