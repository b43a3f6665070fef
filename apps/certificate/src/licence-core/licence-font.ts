import { existsSync, readFileSync } from 'node:fs';
import * as fontkit from 'fontkit';

/**
 * The licence's CJK font, held once per thread: parsed once, with fontkit's TrueType subsetting made to copy
 * glyphs without decoding their outlines, and the text of a licence laid out with its kerning pairs
 * without running the whole OpenType shaper. (Word layouts shared across documents saved ~2 ms of a render but
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
    layoutKerningOnly(font);
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

/**
 * Text the shaper only kerns, for a font whose OpenType layout is kerning alone (below): Latin, CJK
 * ideographs and CJK and full-width punctuation — no marks, no default-ignorables, no right-to-left or
 * complex script, nothing a substitution or another positioning feature would touch.
 */
const KERNED_ONLY_TEXT =
  /^[\u0020-\u007e\u00b7\u2014\u2018-\u201d\u2026\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff01-\uff5e]*$/;

/** The parts of fontkit's parsed OpenType tables read here. */
interface ValueRecord {
  xAdvance?: number;
  yAdvance?: number;
  xPlacement?: number;
  yPlacement?: number;
}
interface PairRecord {
  secondGlyph: number;
  value1: ValueRecord;
  value2: ValueRecord;
}
type Coverage =
  | { version: 1; glyphs: number[] }
  | { version: 2; rangeRecords: Array<{ start: number; end: number; startCoverageIndex: number }> };
interface PairSubtable {
  version: number;
  coverage: Coverage;
  pairSets: { get(index: number): Iterable<PairRecord> };
}
interface LayoutTable {
  featureList: Array<{ tag: string; feature: { lookupListIndexes: number[] } }>;
  lookupList: { toArray(): Array<{ lookupType: number; subTables: PairSubtable[] }> };
}
type ClassDef =
  | { version: 1; startGlyph: number; classValueArray: number[] }
  | { version: 2; classRangeRecord: Array<{ start: number; end: number; class: number }> };

/** A font's kerning pairs (GPOS pair adjustment, glyph pairs) and its mark glyphs. */
export interface KerningOnly {
  /** The pairs whose first glyph is `first`, by second glyph (the first record of a pair, as fontkit applies). */
  pairsOf(first: number): Map<number, PairRecord> | undefined;
  /** Mark glyphs (GDEF class 3): the shaper zeroes their advance and kerning skips them. */
  marks: Set<number>;
}

/**
 * The font's kerning, when kerning by glyph pairs (GPOS lookup type 2, format 1) is all its OpenType layout
 * does; null when it has no GPOS, variations, or does anything else (substitutions, class-based pairs, other
 * positioning): such a font is laid out by fontkit's shaper alone.
 */
export function kerningOnly(font: fontkit.Font): KerningOnly | null {
  const f = font as unknown as {
    GSUB?: LayoutTable;
    GPOS?: LayoutTable;
    GDEF?: { glyphClassDef?: ClassDef };
    _variationProcessor?: unknown;
  };
  if (!f.GPOS || f._variationProcessor || (f.GSUB && f.GSUB.featureList.length > 0)) return null;
  if (f.GPOS.featureList.some((x) => x.tag !== 'kern')) return null;
  const lookups = f.GPOS.lookupList.toArray();
  const used = [...new Set(f.GPOS.featureList.flatMap((x) => x.feature.lookupListIndexes))];
  if (used.length !== 1 || lookups[used[0]].lookupType !== 2) return null;
  const subtables = lookups[used[0]].subTables;
  if (subtables.some((t) => t.version !== 1)) return null;
  // Each first glyph's subtables (in order) and its coverage index in each.
  const covered = new Map<number, Array<[PairSubtable, number]>>();
  for (const t of subtables) {
    const add = (g: number, index: number) => covered.set(g, [...(covered.get(g) ?? []), [t, index]]);
    if (t.coverage.version === 1) t.coverage.glyphs.forEach(add);
    else {
      for (const r of t.coverage.rangeRecords) {
        for (let g = r.start; g <= r.end; g++) add(g, r.startCoverageIndex + g - r.start);
      }
    }
  }
  const pairs = new Map<number, Map<number, PairRecord>>();
  const marks = new Set<number>();
  const MARK = 3;
  const classes = f.GDEF?.glyphClassDef;
  if (classes?.version === 1) {
    classes.classValueArray.forEach((c, i) => c === MARK && marks.add(classes.startGlyph + i));
  } else if (classes?.version === 2) {
    for (const r of classes.classRangeRecord) {
      if (r.class === MARK) for (let g = r.start; g <= r.end; g++) marks.add(g);
    }
  }
  return {
    marks,
    pairsOf(first) {
      let byNext = pairs.get(first);
      if (!byNext) {
        const sources = covered.get(first);
        if (!sources) return undefined;
        byNext = new Map();
        // fontkit takes the first subtable that has the pair, and in it the first record.
        for (const [t, index] of sources) {
          for (const p of t.pairSets.get(index)) if (!byNext.has(p.secondGlyph)) byNext.set(p.secondGlyph, p);
        }
        pairs.set(first, byNext);
      }
      return byNext;
    },
  };
}

/** A value record added to a glyph's position (fields the record lacks add nothing). */
function adjust(p: fontkit.GlyphPosition, v: ValueRecord): void {
  p.xAdvance += v.xAdvance ?? 0;
  p.yAdvance += v.yAdvance ?? 0;
  p.xOffset += v.xPlacement ?? 0;
  p.yOffset += v.yPlacement ?? 0;
}

/**
 * fontkit's `layout` runs the whole OpenType shaper for every word pdfkit measures or draws: a plan of
 * features, per-glyph feature flags and each lookup through a glyph iterator — a seventh of a licence render,
 * most of it on the long Latin words (identifier, URL). For this font all that produces is each character's
 * glyph with its advance, kerned by glyph pairs. Text of the characters above is laid out that way directly
 * (a genuine GlyphRun with GlyphPositions, as pdfkit expects; each pair adjusted as fontkit's GPOS processor
 * does: both values, then on to the next glyph); text with a mark or other characters, or with explicit
 * features, goes through fontkit as before. licence-font.spec.ts compares both on every such character and
 * on thousands of words.
 */
function layoutKerningOnly(font: fontkit.Font): void {
  const kerning = kerningOnly(font);
  if (!kerning) return;
  const probe = font.layout('a');
  type Run = fontkit.GlyphRun;
  const GlyphRun = probe.constructor as new (glyphs: fontkit.Glyph[]) => Run;
  const GlyphPosition = probe.positions[0].constructor as new (xAdvance: number) => fontkit.GlyphPosition;
  const shaped = font.layout.bind(font) as (...args: unknown[]) => Run;
  font.layout = (text: string, ...rest: unknown[]): Run => {
    if (typeof text !== 'string' || rest.some((a) => a !== undefined) || !KERNED_ONLY_TEXT.test(text)) {
      return shaped(text, ...rest);
    }
    const glyphs = font.glyphsForString(text);
    if (glyphs.some((g) => kerning.marks.has(g.id))) return shaped(text, ...rest);
    const positions = glyphs.map((g) => new GlyphPosition(g.advanceWidth));
    for (let i = 0; i + 1 < glyphs.length; i++) {
      const pair = kerning.pairsOf(glyphs[i].id)?.get(glyphs[i + 1].id);
      if (pair) {
        adjust(positions[i], pair.value1);
        adjust(positions[i + 1], pair.value2);
      }
    }
    const run = new GlyphRun(glyphs);
    run.positions = positions;
    return run;
  };
}
