import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { renderSupplementNoticePdf } from './supplement-notice-pdf';
import { aNotice } from './testing/case-life.fixture';
import { aCase } from './testing/case.fixture';

describe('renderSupplementNoticePdf', () => {
  it('renders the notice with its number, every material and the deadline in the CJK font', async () => {
    const n = aNotice({
      materials: [
        { code: 'M01', name: '食品经营许可申请书', reason: '缺少法定代表人签字' },
        { code: 'M02', name: '营业执照', reason: '复印件不清晰' },
      ],
    });
    const pdf = await renderSupplementNoticePdf(aCase(), n);
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const dir = mkdtempSync(join(tmpdir(), 'notice-unit-'));
    try {
      writeFileSync(join(dir, 'n.pdf'), pdf);
      const text = execFileSync('pdftotext', [join(dir, 'n.pdf'), '-'], { encoding: 'utf8' });
      for (const s of [n.noticeNo, '补正材料一次性告知书', '营业执照', '复印件不清晰', n.dueDate]) {
        expect(text).toContain(s);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
