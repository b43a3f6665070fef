import { readFileSync } from 'node:fs';
import * as fontkit from 'fontkit';
import { componentIdOffsets, kerningOnly, LICENCE_FONT, loadLicenceFont } from './licence-font';

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

describe('licence font layout (kerning pairs without the whole shaper)', () => {
  // A font of its own (another path to the same file): fontkit caches a glyph with the code points of its
  // first use, and the subset tests above fetched glyphs by id, without any.
  const font = loadLicenceFont(FONT.replace('/wqy/', '/wqy/../wqy/'));
  // The same font, parsed on its own: fontkit's layout untouched.
  const parsed = fontkit.create(readFileSync(FONT), LICENCE_FONT);
  const plain = 'fonts' in parsed ? parsed.fonts.find((f) => f.postscriptName === LICENCE_FONT)! : parsed;
  // Glyph ids and positions. (The glyph objects are fontkit's cached ones either way — the same object for
  // an id, with the code points of its first use — so the glyphs themselves are compared by identity.)
  const view = (run: fontkit.GlyphRun) => ({
    glyphs: run.glyphs.map((g) => g.id),
    positions: run.positions.map((p) => ({ ...p })),
    advanceWidth: run.advanceWidth,
  });
  const same = (text: string) => {
    const run = font.layout(text);
    expect(view(run)).toEqual(view(plain.layout(text)));
    // Where the glyph is the character's own, it is the very object fontkit maps the character to (compared
    // as a boolean: printing a glyph would print the whole font).
    const mapped = font.glyphsForString(text);
    run.glyphs.forEach((g, i) => expect(g.id !== mapped[i]?.id || g === mapped[i]).toBe(true));
  };
  const ranges: Array<[number, number]> = [
    [0x20, 0x7e],
    [0xb7, 0xb7],
    [0x2014, 0x2014],
    [0x2018, 0x201d],
    [0x2026, 0x2026],
    [0x3000, 0x303f],
    [0x3400, 0x4dbf],
    [0x4e00, 0x9fff],
    [0xff01, 0xff5e],
  ];
  const chars = ranges.flatMap(([a, b]) =>
    Array.from({ length: b - a + 1 }, (_, i) => String.fromCodePoint(a + i)),
  );

  it('finds that this font only kerns, by glyph pairs between Latin glyphs', () => {
    const kerning = kerningOnly(plain)!;
    expect(kerning).not.toBeNull();
    const gid = (ch: string) => plain.glyphForCodePoint(ch.codePointAt(0)!).id;
    expect(kerning.pairsOf(gid('A'))?.get(gid('V'))?.value1.xAdvance).toBeLessThan(0);
    expect(kerning.pairsOf(gid('证'))).toBeUndefined();
    expect(kerning.pairsOf(gid('7'))).toBeUndefined();
  });

  it('lays out every character it may take as fontkit’s shaper does', () => {
    expect(chars.length).toBeGreaterThan(27_000);
    for (const ch of chars) same(ch);
  });

  it('lays out words and lines as fontkit does: kerned pairs, CJK, digits, punctuation, marks, empty', () => {
    for (const text of [
      TEXT,
      'AVATAR To Wa 1.2.156.3005.2.11100000000000000X.0001.001.K',
      '2026-11-27 至 2031-11-26',
      '杭州市西湖区文三路１２３号（东楼）',
      '“食品经营许可证”……——',
      'é café naïve',
      'a\u0301 combining',
      '\u00ad soft\u200b hyphen',
      'مرحبا',
      '',
    ]) {
      same(text);
      for (const word of text.split(' ')) same(word);
    }
    // Random words over the characters above, Latin pairs among them.
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31);
    for (let i = 0; i < 3000; i++) {
      const word = Array.from(
        { length: 1 + (next() % 12) },
        () => chars[next() % (i % 3 ? chars.length : 95)],
      ).join('');
      same(word);
    }
  });

  it('passes explicit features and other arguments to fontkit', () => {
    expect(view(font.layout('AV', ['kern']))).toEqual(view(plain.layout('AV', ['kern'])));
    expect(view(font.layout('证照', { kern: false }))).toEqual(view(plain.layout('证照', { kern: false })));
  });
});
