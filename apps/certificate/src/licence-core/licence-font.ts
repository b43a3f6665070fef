import { existsSync, readFileSync } from 'node:fs';
import * as fontkit from 'fontkit';

/**
 * The licence's CJK font, held once per thread: parsed once, with fontkit's TrueType subsetting made to copy
 * glyphs without decoding their outlines. (Word layouts shared across documents saved ~2 ms of a render but
 * cost the certificate service 15–20 MiB of RSS, against its 256 MiB target: not kept.)
 */
export const LICENCE_FONT = 'WenQuanYiMicroHei';

const parsedFonts = new Map<string, fontkit.Font>();

/**
 * The CJK font parsed once per process (5 MB TTC): handing pdfkit the parsed font instead of the path
 * saves reading and parsing it for every licence (≈ 50 ms of CPU each); pdfkit still embeds a fresh subset.
 */
export function loadLicenceFont(fontPath: string): fontkit.Font {
  let font = parsedFonts.get(fontPath);
  if (!font) {
    if (!existsSync(fontPath)) {
      throw new Error(
        `CJK font not found at ${fontPath}: install Debian package fonts-wqy-microhei (scripts/ensure-system-deps.sh)`,
      );
    }
    const parsed = fontkit.create(readFileSync(fontPath), LICENCE_FONT);
    font =
      'fonts' in parsed
        ? (parsed.fonts.find((f) => f.postscriptName === LICENCE_FONT) ?? parsed.fonts[0])
        : parsed;
    copyGlyphsWithoutDecoding(font);
    parsedFonts.set(fontPath, font);
  }
  return font;
}

interface GlyfStream {
  pos: number;
  readBuffer(length: number): Uint8Array;
}

/** The parts of fontkit's TTFSubset (`font.createSubset()` of a TrueType font) that `_addGlyph` uses. */
interface TrueTypeSubset {
  font: {
    loca: { offsets: number[] };
    _variationProcessor?: unknown;
    _getTableStream(tag: 'glyf'): GlyfStream;
    getGlyph(gid: number): { advanceWidth: number; _getMetrics(): { leftBearing: number } };
  };
  glyf: Uint8Array[];
  loca: { offsets: number[] };
  hmtx: { metrics: Array<{ advance: number; bearing: number }> };
  offset: number;
  includeGlyph(gid: number): number;
  _addGlyph: (this: TrueTypeSubset, gid: number) => number;
  /** fontkit's own `_addGlyph`, kept beside ours. */
  _addGlyphDecoding: (this: TrueTypeSubset, gid: number) => number;
}

const COMPONENT_FLAGS = {
  ARG_1_AND_2_ARE_WORDS: 0x0001,
  WE_HAVE_A_SCALE: 0x0008,
  MORE_COMPONENTS: 0x0020,
  WE_HAVE_AN_X_AND_Y_SCALE: 0x0040,
  WE_HAVE_A_TWO_BY_TWO: 0x0080,
} as const;

/**
 * Byte offsets of the component glyph ids in a composite glyph's `glyf` record (TrueType spec, 'glyf'
 * composite glyph description): after the 10-byte header, each component is flags, glyphIndex, two
 * arguments (bytes or words) and an optional scale (one, two or four F2Dot14).
 */
export function componentIdOffsets(glyph: Uint8Array): number[] {
  const view = new DataView(glyph.buffer, glyph.byteOffset, glyph.byteLength);
  const offsets: number[] = [];
  let pos = 10;
  let flags: number = COMPONENT_FLAGS.MORE_COMPONENTS;
  while (flags & COMPONENT_FLAGS.MORE_COMPONENTS) {
    flags = view.getUint16(pos);
    offsets.push(pos + 2);
    pos += 4 + (flags & COMPONENT_FLAGS.ARG_1_AND_2_ARE_WORDS ? 4 : 2);
    if (flags & COMPONENT_FLAGS.WE_HAVE_A_SCALE) pos += 2;
    else if (flags & COMPONENT_FLAGS.WE_HAVE_AN_X_AND_Y_SCALE) pos += 4;
    else if (flags & COMPONENT_FLAGS.WE_HAVE_A_TWO_BY_TWO) pos += 8;
  }
  return offsets;
}

const patchedSubsets = new WeakSet<object>();

/**
 * fontkit's TrueType subset decodes every included glyph's whole outline (all its points, through
 * `restructure`) only to learn whether the glyph is composite and which components it names: about a
 * quarter of a licence render. The copy it embeds is the glyph's bytes as stored, component ids renumbered.
 * This `_addGlyph` reads the header's contour count and the component ids from those bytes instead and
 * produces the same subset byte for byte (licence-font.spec.ts compares the two). Variable fonts keep
 * fontkit's own path (it re-encodes their outlines).
 */
function copyGlyphsWithoutDecoding(font: fontkit.Font): void {
  const proto = Object.getPrototypeOf(font.createSubset()) as TrueTypeSubset;
  if (patchedSubsets.has(proto) || typeof proto._addGlyph !== 'function') return;
  proto._addGlyphDecoding = proto._addGlyph;
  proto._addGlyph = function (this: TrueTypeSubset, gid: number): number {
    const f = this.font;
    if (f._variationProcessor) return this._addGlyphDecoding(gid);
    const start = f.loca.offsets[gid];
    const stream = f._getTableStream('glyf');
    stream.pos += start;
    let bytes = stream.readBuffer(f.loca.offsets[gid + 1] - start);
    if (bytes.length >= 10 && new DataView(bytes.buffer, bytes.byteOffset, 2).getInt16(0) < 0) {
      bytes = new Uint8Array(bytes);
      const view = new DataView(bytes.buffer);
      for (const at of componentIdOffsets(bytes)) view.setUint16(at, this.includeGlyph(view.getUint16(at)));
    }
    const glyph = f.getGlyph(gid);
    this.glyf.push(bytes);
    this.loca.offsets.push(this.offset);
    this.hmtx.metrics.push({ advance: glyph.advanceWidth, bearing: glyph._getMetrics().leftBearing });
    this.offset += bytes.length;
    return this.glyf.length - 1;
  };
  patchedSubsets.add(proto);
}
