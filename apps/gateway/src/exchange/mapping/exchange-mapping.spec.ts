import { TOPICS } from '@app/shared/contracts';
import { EXPECTED_KINDS } from '../../../test/exchange-fixtures';
import { playCase } from '../../../test/exchange-play-case';
import { EXCHANGE_FIELDS } from '../../../test/province-stand-in';
import { stableGuid } from './case-facts';
import { envelopeTime, exchangeTime, promiseTimeOf } from './exchange-codes';
import { planRecords } from './plan-records';

const FIELDS = EXCHANGE_FIELDS;

describe('provincial exchange mapping', () => {
  it('plans one case into the records the province expects, in business-time order', () => {
    const { ordered } = playCase();
    expect(ordered.map((d) => d.kind)).toEqual(EXPECTED_KINDS);
    // Records that follow 受理 but travel on other topics wait for the accept row.
    expect(ordered.filter((d) => d.afterAccept).map((d) => d.kind)).toEqual([
      'up_pro_material',
      'up_pro_material',
      'up_pro_process',
      'up_pro_special_procedure',
      'up_pro_special_procedure',
      'up_pro_process',
      'up_pro_process',
      'up_pro_process',
      'up_pro_process',
      'up_pro_result',
      'projectService',
    ]);
  });

  it('renders every table row with exactly the §3.1 field names and the common sync fields', () => {
    const { ordered, render } = playCase();
    for (const d of ordered.filter((x) => x.kind.startsWith('up_pro_'))) {
      const row = render(d);
      expect(Object.keys(row).sort()).toEqual([...FIELDS[d.kind]].sort());
      expect(row).toMatchObject({
        row_guid: d.rowGuid,
        cd_batch: 'b1',
        cd_time: '2026-11-26 10:00:00',
        data_source: '123',
      });
    }
  });

  it('maps codes: 受理, 同意, 退回 and 补正 process events; 出证办结 with the licence; masked IDs only', () => {
    const { ordered, render, life, caseNo } = playCase();
    const rows = ordered.map((d) => ({ kind: d.kind, row: render(d) }));
    const accept = rows.find((r) => r.kind === 'up_pro_accept')!.row;
    expect(accept).toMatchObject({
      project_no: caseNo,
      task_code: life.ref.itemCode,
      project_type: '2',
      applyer_type: '1',
      applyer_page_type: '111',
      applyer_page_code: '330106********1234',
      apply_type: '1',
      apply_date: '2026-11-26 09:00:00',
      accept_date: '2026-11-26 09:03:00',
      accept_doc_no: `SL${caseNo}`,
      promise_date: '2026-12-31 23:59:59',
      org_code: life.ref.deptCode,
      cd_operation: 'I',
    });
    const process = rows.filter((r) => r.kind === 'up_pro_process').map((r) => r.row);
    expect(process.map((p) => [p.process_name, p.event_name])).toEqual([
      ['补正告知', '05'],
      ['补正提交', '05'],
      ['受理', '04'],
      ['承办', '01'],
      ['审核', '01'],
      ['退回至审核', '07'],
      ['审核', '01'],
      ['批准', '01'],
    ]);
    // A step starts when the node before it ended.
    expect(process[3]).toMatchObject({
      event_start_time: '2026-11-26 09:03:00',
      event_end_time: '2026-11-26 09:04:00',
    });
    const special = rows.filter((r) => r.kind === 'up_pro_special_procedure').map((r) => r.row);
    expect(special[0]).toMatchObject({
      special_type: '2',
      special_name: '听证',
      cd_operation: 'I',
      end_time: null,
    });
    expect(special[1]).toMatchObject({
      cd_operation: 'U',
      row_guid: special[0].row_guid,
      special_time: '2026-11-26 09:05:00',
      end_time: '2026-11-26 09:06:00',
      result: '听证结束, 维持原方案',
    });
    const materials = rows.filter((r) => r.kind === 'up_pro_material').map((r) => r.row);
    const fields = (m: Record<string, unknown>) => [
      m.material_name,
      m.get_type,
      m.get_num,
      m.material_attach_name,
    ];
    expect(materials.map(fields)).toEqual([
      // Filed with the application, after the accept row (a 补正's materials are among them: none of its own).
      ['食品经营许可申请书', null, 2, '申请书-第1页.pdf; 申请书-第2页.pdf'],
      ['法定代表人身份证明', null, 1, null],
    ]);
    expect(materials.every((m) => m.project_no === caseNo && m.cd_operation === 'I')).toBe(true);
    expect(new Set(materials.map((m) => m.row_guid)).size).toBe(2);
    expect(rows.find((r) => r.kind === 'up_pro_result')!.row).toMatchObject({
      result_type: '0',
      result_explain: '出证办结',
      result_cetr_no: life.licenceId,
      result_cetr_name: '食品经营许可证',
      result_date: '2026-11-26 09:11:00',
      handle_user_name: 'officer-3',
    });
    const certFields = rows.flatMap((r) => [r.row.applyer_page_code].filter((v) => v !== undefined));
    expect(certFields).toEqual(['330106********1234']);
  });

  it('renders the 好差评 service record and the evaluation referencing its serviceNumber', () => {
    const { ordered, render, caseNo, life } = playCase();
    const service = render(ordered.find((d) => d.kind === 'projectService')!);
    expect(Object.keys(service).sort()).toEqual([...FIELDS.projectService].sort());
    expect(service).toMatchObject({
      projectNo: caseNo,
      taskCode: life.ref.itemCode,
      taskType: '01',
      proStatus: '3',
      serviceName: '出证办结',
      isService: '1',
      acceptDate: '2026-11-26 09:03:00',
      resultDate: '2026-11-26 09:11:00',
      userProp: '1',
      userPageType: '111',
      certKey: '330106********1234',
      projectType: '2',
      dataSource: '123',
      areaCode: '330106000000',
    });
    const evaluate = render(
      ordered.find((d) => d.kind === 'evaluate')!,
      'SN-1',
    );
    expect(evaluate).toMatchObject({
      projectNo: caseNo,
      serviceNumber: 'SN-1',
      satisfaction: '5',
      pf: '2',
      assessNumber: '1',
      assessTime: '2026-11-26 09:12:00',
      promiseTime: '1', // 承诺件 is 1 in evaluate, 2 in projectType
      userProp: '1',
      certkeyGOV: '330106********1234',
      proStatus: '3',
    });
  });

  it('keeps row guids stable and formats times in Asia/Shanghai', () => {
    expect(stableGuid('a', 'b')).toBe(stableGuid('a', 'b'));
    expect(stableGuid('a', 'b')).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
    expect(exchangeTime('2026-11-25T16:30:05Z')).toBe('2026-11-26 00:30:05');
    expect(envelopeTime(new Date('2020-06-28T02:49:25Z'))).toBe('20200628104925');
    expect([promiseTimeOf('1'), promiseTimeOf('2'), promiseTimeOf(undefined)]).toEqual(['2', '1', null]);
  });

  it('plans the filed materials with stable guids; none without them; file names cut to 200 characters', () => {
    const { life, render } = playCase();
    const accepted = life.events.find((e) => e.topic === TOPICS.APPLICATION_ACCEPTED)!.payload;
    const plan = planRecords(TOPICS.APPLICATION_ACCEPTED, 'evt-a', accepted, {});
    expect(plan.drafts.map((d) => d.kind)).toEqual([
      'up_pro_accept',
      'up_pro_material',
      'up_pro_material',
      'up_pro_process',
    ]);
    expect(plan.drafts[0].source).not.toHaveProperty('materials');
    expect(plan.drafts[1].rowGuid).toBe(stableGuid('up_pro_material', 'evt-a', 'M01'));
    expect(planRecords(TOPICS.APPLICATION_ACCEPTED, 'evt-a', accepted, {}).drafts).toEqual(plan.drafts);
    const { materials: _filed, ...older } = accepted;
    const without = planRecords(TOPICS.APPLICATION_ACCEPTED, 'evt-b', older, {});
    expect(without.drafts.map((d) => d.kind)).toEqual(['up_pro_accept', 'up_pro_process']);
    const long = {
      ...plan.drafts[1],
      source: { name: '申请书', count: 20, attachNames: Array(20).fill('文'.repeat(30)) },
    };
    const attach = String(render(long).material_attach_name);
    expect(Array.from(attach)).toHaveLength(200);
    expect(attach.startsWith(`${'文'.repeat(30)}; ${'文'.repeat(30)}`)).toBe(true);
  });

  it('submitted events only teach facts', () => {
    const { life } = playCase();
    const plan = planRecords(TOPICS.APPLICATION_SUBMITTED, 'e', life.events[0].payload, {});
    expect(plan.drafts).toEqual([]);
    expect(plan.facts.applyDate).toBe(life.events[0].payload.submittedAt);
  });
});
