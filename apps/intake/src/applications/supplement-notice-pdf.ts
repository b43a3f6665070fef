import { existsSync, readFileSync } from 'node:fs';
import * as fontkit from 'fontkit';
import PDFDocument from 'pdfkit';
import { shanghaiDate } from '@app/shared/time';
import type { CaseEntity } from './entities/case.entity';
import type { SupplementNoticeEntity } from './entities/supplement-notice.entity';

/** The CJK font (Debian fonts-wqy-microhei), as the certificate service uses it. */
export const NOTICE_FONT_PATH = '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc';
const FONT = 'WenQuanYiMicroHei';

/** The font parsed once per process (a 5 MB TTC), then handed to pdfkit for every notice. */
const parsedFonts = new Map<string, fontkit.Font>();
function loadFont(fontPath: string): fontkit.Font {
  let font = parsedFonts.get(fontPath);
  if (!font) {
    if (!existsSync(fontPath)) {
      throw new Error(`CJK font not found at ${fontPath}: install Debian package fonts-wqy-microhei`);
    }
    const parsed = fontkit.create(readFileSync(fontPath), FONT);
    font =
      'fonts' in parsed ? (parsed.fonts.find((f) => f.postscriptName === FONT) ?? parsed.fonts[0]) : parsed;
    parsedFonts.set(fontPath, font);
  }
  return font;
}

/**
 * 补正材料一次性告知书 as an A4 PDF with the CJK font embedded: the notice number, the case, every material
 * with what is wrong, the deadline and what happens after it.
 */
export async function renderSupplementNoticePdf(
  c: CaseEntity,
  n: SupplementNoticeEntity,
  fontPath = NOTICE_FONT_PATH,
): Promise<Buffer> {
  const font = loadFont(fontPath);
  const doc = new PDFDocument({
    font: null as unknown as string,
    size: 'A4',
    margin: 56,
    info: { Title: `补正材料一次性告知书 ${n.noticeNo}`, Author: c.deptName, CreationDate: n.issuedAt },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (b: Buffer) => chunks.push(b));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.registerFont(FONT, font as unknown as string);
  doc.font(FONT);
  const W = doc.page.width - 112;
  doc.fontSize(20).text('补正材料一次性告知书', { width: W, align: 'center' });
  doc.moveDown(0.3).fontSize(10).fillColor('#555').text(`编号 ${n.noticeNo}`, { width: W, align: 'center' });
  doc.moveDown(1.2).fillColor('#000').fontSize(12);
  doc.text(`${c.applicantName}：`);
  doc
    .moveDown(0.5)
    .text(
      `你（单位）于 ${shanghaiDate(c.submittedAt)} 申请的“${c.itemName}”（办件编号 ${c.caseNo}），` +
        `经审查，申请材料不齐全或者不符合法定形式。根据《中华人民共和国行政许可法》第三十二条的规定，` +
        `现一次性告知你需要补正的全部内容如下：`,
      { width: W },
    );
  doc.moveDown(0.8);
  n.materials.forEach((m, i) => {
    doc.fontSize(12).text(`${i + 1}. ${m.name}（${m.code}）`, { width: W });
    doc.fontSize(11).fillColor('#333').text(`   ${m.reason}`, { width: W }).fillColor('#000');
    doc.moveDown(0.4);
  });
  if (n.remark) doc.moveDown(0.4).fontSize(11).text(`备注：${n.remark}`, { width: W });
  doc
    .moveDown(0.8)
    .fontSize(12)
    .text(
      `请于 ${n.dueDate} 前一次性提交上述全部补正材料。补正期间办理时限暂停计算；逾期未补正的，视为放弃申请，作退件处理。`,
      { width: W },
    );
  doc.moveDown(2).text(c.deptName, { width: W, align: 'right' });
  doc.text(shanghaiDate(n.issuedAt), { width: W, align: 'right' });
  doc.moveDown(0.5).fontSize(9).fillColor('#777').text(`经办人 ${n.issuedBy}`, { width: W, align: 'right' });
  doc.end();
  return done;
}
