import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';
import { LICENCE_FONT, loadLicenceFont } from './licence-font';
import { installFastMaskSelection } from './qr-mask';

installFastMaskSelection();

export interface LicencePdfInput {
  identifier: string;
  licenceName: string;
  holderName: string;
  holderCodeLabel: string;
  holderCode: string;
  issuerName: string;
  issueDate: string;
  validFrom: string;
  validTo: string | null;
  faceFields: Array<{ label: string; value: string }>;
  qrText: string;
  verifyUrl: string;
}

/**
 * The QR code as a 1-bit stencil mask (an image of one bit per module, quiet zone included, painted in the
 * fill colour): a few hundred bytes instead of a rectangle per run of dark modules (tens of kilobytes of
 * content stream to format, deflate and hash per licence), sharp at any zoom (`Interpolate` false: viewers
 * and printers scale each module as a square). The URL is one byte segment: qrcode's search for the
 * shortest mix of modes (a graph over every character) cost a tenth of a render and saves nothing on an https
 * address, whose lower-case letters are bytes anyway.
 */
function drawQr(doc: PDFKit.PDFDocument, text: string, x: number, y: number, size: number): void {
  const qr = QRCode.create([{ data: Buffer.from(text), mode: 'byte' }], { errorCorrectionLevel: 'M' });
  const { mask, width } = qrStencil(qr.modules.size, qr.modules.data);
  const image = doc.ref({
    Type: 'XObject',
    Subtype: 'Image',
    Width: width,
    Height: width,
    ImageMask: true,
    // 1 = dark module (painted), 0 = light (left as the white square below).
    Decode: [1, 0],
    Interpolate: false,
  });
  image.end(mask);
  const label = 'QR1';
  (doc.page as unknown as { xobjects: Record<string, unknown> }).xobjects[label] = image;
  doc.save().rect(x, y, size, size).fill('#fff');
  // pdfkit's coordinates grow downwards: the image's unit square is flipped into the box, as pdfkit's image().
  doc
    .fillColor('#000')
    .transform(size, 0, 0, -size, x, y + size)
    .addContent(`/${label} Do`);
  doc.restore();
}

/** The QR quiet zone drawn around the modules, in modules (the licence layout's; the standard asks 4). */
const QUIET = 2;

/**
 * The symbol's modules with the quiet zone as 1-bit rows (a dark module is a 1 bit), each row padded to a whole
 * byte as PDF images are.
 */
export function qrStencil(n: number, modules: Uint8Array): { mask: Buffer; width: number } {
  const width = n + 2 * QUIET;
  const rowBytes = Math.ceil(width / 8);
  const mask = Buffer.alloc(rowBytes * width);
  for (let r = 0; r < n; r++) {
    const row = (r + QUIET) * rowBytes;
    for (let c = 0; c < n; c++) {
      if (!modules[r * n + c]) continue;
      const bit = c + QUIET;
      mask[row + (bit >> 3)] |= 0x80 >> (bit & 7);
    }
  }
  return { mask, width };
}
const RED = '#c8161d';

function seal(doc: PDFKit.PDFDocument, cx: number, cy: number, issuer: string): void {
  doc.save().lineWidth(3).strokeColor(RED).circle(cx, cy, 58).stroke();
  // five-pointed star
  const pts: Array<[number, number]> = [];
  for (let i = 0; i < 10; i++) {
    const r = i % 2 === 0 ? 18 : 7.5;
    const a = -Math.PI / 2 + (i * Math.PI) / 5;
    pts.push([cx + r * Math.cos(a), cy + r * Math.sin(a)]);
  }
  doc
    .fillColor(RED)
    .polygon(...pts)
    .fill();
  // issuer name along the upper arc
  const chars = [...issuer];
  const span = Math.min(Math.PI * 1.3, chars.length * 0.32);
  chars.forEach((ch, i) => {
    const a = -Math.PI / 2 - span / 2 + (span * (i + 0.5)) / chars.length;
    const x = cx + 44 * Math.cos(a);
    const y = cy + 44 * Math.sin(a);
    doc
      .save()
      .translate(x, y)
      .rotate((a * 180) / Math.PI + 90)
      .fontSize(10)
      .fillColor(RED)
      .text(ch, -5, -6, { width: 10, align: 'center' })
      .restore();
  });
  doc
    .fontSize(8)
    .fillColor(RED)
    .text('电子证照专用章', cx - 30, cy + 24, { width: 60, align: 'center' });
  doc.restore();
}

/** A copy's stated use (用证事由) across the page, diagonal and light, over the face (it cannot be cropped off). */
function watermark(doc: PDFKit.PDFDocument, lines: string[]): void {
  const W = doc.page.width;
  const H = doc.page.height;
  doc
    .save()
    .rotate(-35, { origin: [W / 2, H / 2] })
    .fillOpacity(0.16)
    .fillColor('#c8161d')
    .fontSize(20);
  for (let i = 0; i < 6; i++) {
    doc.text(lines.join('  '), -W * 0.25, H * 0.1 + i * 130, {
      width: W * 1.5,
      align: 'center',
      lineBreak: false,
    });
  }
  doc.restore();
  // The same text once more, small and upright at the top, so it can be read (and extracted) as it is.
  doc
    .fontSize(8)
    .fillColor('#c8161d')
    .text(lines.join(' | '), 56, 44, { width: W - 112, align: 'center' });
}

/**
 * Renders the licence face as an A4 PDF with the CJK font embedded (subset), the face fields, a drawn
 * seal and a QR code pointing at the public verification page. The file is hashed and signed afterwards.
 * Note: pdfkit gives embedded font subsets a random tag, so two renders differ byte-wise; that is why the
 * signature covers the SM3 of the stored file rather than a re-render.
 */
export async function renderLicencePdf(
  input: LicencePdfInput,
  opts: { fontPath: string; watermark?: string[] },
): Promise<Buffer> {
  const font = loadLicenceFont(opts.fontPath);
  const when = new Date(`${input.issueDate}T00:00:00+08:00`);
  const doc = new PDFDocument({
    // No default Helvetica: pdfkit would parse its AFM metrics for every document (the CJK font is set below).
    font: null as unknown as string,
    size: 'A4',
    margin: 56,
    info: {
      Title: `${input.licenceName} ${input.identifier}`,
      Author: input.issuerName,
      Subject: '电子证照',
      CreationDate: when,
      ModDate: when,
      ...(opts.watermark?.length ? { Keywords: opts.watermark.join(' | ') } : {}),
    },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.registerFont(LICENCE_FONT, font as unknown as string);
  doc.font(LICENCE_FONT);
  const W = doc.page.width;
  doc
    .lineWidth(2)
    .strokeColor('#8b6d2f')
    .rect(36, 36, W - 72, doc.page.height - 72)
    .stroke();
  doc
    .fontSize(26)
    .fillColor('#000')
    .text(input.licenceName, 56, 80, { width: W - 112, align: 'center' });
  doc
    .fontSize(9)
    .fillColor('#555')
    .text(`证照标识 ${input.identifier}`, 56, 122, { width: W - 112, align: 'center' });
  let y = 170;
  const row = (label: string, value: string) => {
    doc.fontSize(12).fillColor('#333').text(label, 80, y, { width: 130 });
    doc.fillColor('#000').text(value, 215, y, { width: W - 295 });
    y = Math.max(doc.y, y + 18) + 10;
  };
  row('持证主体', input.holderName);
  row(input.holderCodeLabel, input.holderCode);
  for (const f of input.faceFields) row(f.label, f.value);
  row('有效期', `${input.validFrom} 至 ${input.validTo ?? '长期'}`);
  row('发证机关', input.issuerName);
  row('发证日期', input.issueDate);
  const qrY = Math.max(y + 20, 520);
  drawQr(doc, input.qrText, 80, qrY, 140);
  doc
    .fontSize(9)
    .fillColor('#555')
    .text('扫码核验 / Scan to verify', 80, qrY + 146, { width: 140, align: 'center' });
  seal(doc, W - 150, qrY + 70, input.issuerName);
  doc
    .fontSize(8)
    .fillColor('#777')
    .text(`核验地址 ${input.verifyUrl}`, 56, doc.page.height - 90, { width: W - 112, align: 'center' });
  if (opts.watermark?.length) watermark(doc, opts.watermark);
  doc.end();
  return done;
}
