import { playCase } from '../../../test/exchange-play-case';
import { recordProblems } from '../../../test/province-stand-in';

/**
 * What the province's own lists require (reference/gov-standards.md §2.4, §3.2), checked with the stand-in
 * province's rules: 特别程序 codes it knows, every 好差评 field of the reference's tables.
 */
describe("provincial exchange mapping: the province's lists", () => {
  it('reports the local 特别程序 types 7 and 8 as 5 挂起, keeping our code in special_explain', () => {
    for (const [type, typeName] of [
      ['7', '检验检测'],
      ['8', '专家评审'],
    ]) {
      const { ordered, render } = playCase({ special: { type, typeName } });
      const rows = ordered.filter((d) => d.kind === 'up_pro_special_procedure').map((d) => render(d));
      expect(rows.map((r) => [r.special_type, r.special_name])).toEqual([
        ['5', '挂起'],
        ['5', '挂起'],
      ]);
      for (const r of rows) {
        expect(String(r.special_explain)).toContain(`本地特别程序 ${type} ${typeName}`);
        expect(recordProblems('up_pro_special_procedure', r)).toEqual([]);
      }
    }
    // Provincial codes pass unchanged; the stand-in refuses anything outside §3.2's 1–6.
    const { ordered, render } = playCase();
    const row = render(ordered.find((d) => d.kind === 'up_pro_special_procedure')!);
    expect([row.special_type, row.special_explain]).toEqual(['2', '预计 2026-12-20 结束']);
    expect(recordProblems('up_pro_special_procedure', { ...row, special_type: '7' })).toEqual([
      'up_pro_special_procedure.special_type="7"',
    ]);
  });

  it('fills the §2.4 好差评 fields from the events and the configured constants; a missing one is refused', () => {
    const hcp = {
      statusUrlTemplate: 'https://zwfw.example.gov.cn/case?no={projectNo}',
      areaCode: '330100000000',
      areaName: '杭州市',
      source: '1',
      sourceTJ: '2',
    };
    const { ordered, render, caseNo } = playCase({ hcp });
    const service = render(ordered.find((d) => d.kind === 'projectService')!);
    expect(service).toMatchObject({
      statusUrl: `https://zwfw.example.gov.cn/case?no=${caseNo}`,
      areaCode: '330100000000',
      telPhone: null,
      source: '1',
      sourceTJ: '2',
    });
    const evaluate = render(
      ordered.find((d) => d.kind === 'evaluate')!,
      'SN-1',
    );
    expect(evaluate).toMatchObject({
      areaCode: '330100000000',
      areaName: '杭州市',
      proManager: 'officer-3',
      taskHandleItem: null,
      subMatter: null,
      appStatus: null,
    });
    const sn = new Set(['SN-1']);
    expect(recordProblems('projectService', service)).toEqual([]);
    expect(recordProblems('evaluate', evaluate, sn)).toEqual([]);
    for (const f of ['areaName', 'proManager', 'taskHandleItem', 'subMatter', 'appStatus']) {
      const { [f]: _gone, ...less } = evaluate;
      expect(recordProblems('evaluate', less, sn)).toEqual([`evaluate: missing ${f}`]);
    }
    for (const f of ['statusUrl', 'telPhone', 'source', 'sourceTJ']) {
      const { [f]: _gone, ...less } = service;
      expect(recordProblems('projectService', less)).toEqual([`projectService: missing ${f}`]);
    }
    // §2.4: acceptDate is required once the case is accepted or done.
    expect(recordProblems('projectService', { ...service, acceptDate: null })).toEqual([
      'projectService.acceptDate=null',
    ]);
    // Without configured constants: the department's region, no name, no URL.
    const plain = playCase();
    const e2 = plain.render(
      plain.ordered.find((d) => d.kind === 'evaluate')!,
      'SN-1',
    );
    expect([e2.areaCode, e2.areaName]).toEqual(['330106000000', null]);
  });
});
