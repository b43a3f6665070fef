import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { sm2 } from 'sm-crypto-v2';
import { CERT_TYPE_CODES, USER_PROP_CODES } from '@app/shared/codes';
import { Envelope, openEnvelope } from '../src/exchange/envelope/sm2-envelope';

/** Field names of every record, as reference/gov-standards.md §3.1 (tables) and §2.4 (好差评) name them. */
const COMMON = ['row_guid', 'cd_batch', 'cd_operation', 'cd_time', 'data_source'];
const words = (s: string) => s.split(' ');
export const EXCHANGE_FIELDS: Record<string, string[]> = {
  up_pro_accept: [
    ...COMMON,
    ...words(
      'project_no project_name task_code catalog_code task_handle_item local_task_code local_catalog_code task_name task_version apply_type project_type applyer_type applyer_name applyer_page_type applyer_page_code contact_name contact_type contact_code contact_mobile legal address zip_code apply_date accept_date accept_doc_no promise_date org_code org_name handle_user_name',
    ),
  ],
  up_pro_process: [
    ...COMMON,
    ...words(
      'project_no process_name event_name event_start_time event_end_time handle_user_name handle_explain',
    ),
  ],
  up_pro_special_procedure: [
    ...COMMON,
    ...words(
      'project_no special_type special_name special_reason special_time end_time special_explain result handle_user applyer_user_name',
    ),
  ],
  up_pro_material: [...COMMON, ...words('project_no material_name get_type get_num material_attach_name')],
  up_pro_result: [
    ...COMMON,
    ...words(
      'project_no result_type result_date result_explain result_cetr_name result_cetr_no is_delivery_results satisfaction handle_user_name',
    ),
  ],
  // §2.4 projectService: every field of the reference's table (administrative_div / areaCode are one field,
  // sent as areaCode; bj_zt is Shandong's raw internal status, not part of the national record).
  projectService: words(
    'taskCode taskHandleItem taskName subMatter taskguid taskType projectNo proStatus orgcode orgName acceptDate applydate resultDate userProp userName userPageType certKey handleUserName handleUserPageType handleUserPageCode serviceName isService serviceTime serviceDate projectType dataSource statusUrl areaCode telPhone source sourceTJ',
  ),
  // §2.4 evaluate: every field of the reference's table, plus the serviceNumber it references.
  evaluate: words(
    'projectNo serviceNumber areaCode areaName deptCode proDepartCode proDepart proManager taskCode taskHandleItem taskName subMatter proStatus pf userProp userName certkeyGOV satisfaction evalDetail writingEvaluation assessTime assessNumber appStatus promiseTime acceptDate dataSource',
  ),
};

const TIME = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/;
const MASKED = /^[0-9A-Za-z]{0,6}\*{4,}[0-9A-Za-z]{0,4}$/;
const oneOf = (v: unknown, codes: readonly string[]) => typeof v === 'string' && codes.includes(v);
const timeOrNull = (v: unknown) => v === null || (typeof v === 'string' && TIME.test(v));

/** Code and format checks per kind: a list of what is wrong (empty when the record is right). */
function codeProblems(kind: string, r: Record<string, unknown>, serviceNumbers: Set<string>): string[] {
  const p: string[] = [];
  const check = (ok: boolean, what: string) =>
    ok ? undefined : p.push(`${kind}.${what}=${JSON.stringify(r[what])}`);
  if (kind.startsWith('up_pro_')) {
    check(oneOf(r.cd_operation, ['I', 'U']), 'cd_operation');
    check(typeof r.data_source === 'string' && /^\d{3}$/.test(r.data_source), 'data_source');
    check(typeof r.cd_time === 'string' && TIME.test(r.cd_time), 'cd_time');
    check(typeof r.row_guid === 'string' && /^[0-9a-f-]{36}$/.test(r.row_guid), 'row_guid');
    check(typeof r.project_no === 'string' && r.project_no.length <= 50, 'project_no');
  }
  switch (kind) {
    case 'up_pro_accept':
      check(oneOf(r.project_type, ['1', '2']), 'project_type');
      check(oneOf(r.applyer_type, USER_PROP_CODES), 'applyer_type');
      check(oneOf(r.applyer_page_type, CERT_TYPE_CODES), 'applyer_page_type');
      check(r.applyer_page_type !== '111' || MASKED.test(String(r.applyer_page_code)), 'applyer_page_code');
      // 申请时间 comes from the submitted event: null when the exchange never saw it.
      check(timeOrNull(r.apply_date), 'apply_date');
      for (const f of ['accept_date', 'promise_date']) check(timeOrNull(r[f]) && r[f] !== null, f);
      break;
    case 'up_pro_process':
      check(oneOf(r.event_name, ['00', '01', '04', '05', '07']), 'event_name');
      check(timeOrNull(r.event_start_time) && timeOrNull(r.event_end_time), 'event_end_time');
      break;
    case 'up_pro_special_procedure':
      // §3.2 SPECIALNODE.noderesult: 1 补齐补正, 2 听证, 3 公示, 4 核实, 5 挂起, 6 预审补齐补正 — nothing else.
      check(oneOf(r.special_type, ['1', '2', '3', '4', '5', '6']), 'special_type');
      check(timeOrNull(r.special_time) && timeOrNull(r.end_time), 'end_time');
      check(r.cd_operation === 'I' ? r.end_time === null : r.end_time !== null, 'end_time');
      break;
    case 'up_pro_material':
      check(typeof r.material_name === 'string' && [...r.material_name].length <= 200, 'material_name');
      check(Number.isInteger(r.get_num) && Number(r.get_num) >= 1, 'get_num');
      check(
        r.material_attach_name === null ||
          (typeof r.material_attach_name === 'string' && [...r.material_attach_name].length <= 200),
        'material_attach_name',
      );
      break;
    case 'up_pro_result':
      check(oneOf(r.result_type, ['0', '1', '2', '3', '4', '5', '6']), 'result_type');
      check(timeOrNull(r.result_date) && r.result_date !== null, 'result_date');
      break;
    case 'projectService':
      check(oneOf(r.proStatus, ['1', '2', '3']), 'proStatus');
      check(oneOf(r.userProp, USER_PROP_CODES), 'userProp');
      check(oneOf(r.projectType, ['1', '2']), 'projectType');
      check(r.userPageType !== '111' || MASKED.test(String(r.certKey)), 'certKey');
      // §2.4: acceptDate required when proStatus is 2 or 3, resultDate when 3.
      check(r.proStatus !== '3' || TIME.test(String(r.resultDate)), 'resultDate');
      check(timeOrNull(r.acceptDate) && (r.proStatus === '1' || r.acceptDate !== null), 'acceptDate');
      check(
        r.areaCode === null || (typeof r.areaCode === 'string' && /^\d{12}$/.test(r.areaCode)),
        'areaCode',
      );
      break;
    case 'evaluate':
      check(oneOf(r.satisfaction, ['1', '2', '3', '4', '5']), 'satisfaction');
      check(oneOf(r.pf, ['1', '2', '3', '4', '5', '6', '7']), 'pf');
      check(oneOf(r.assessNumber, ['1', '2']), 'assessNumber');
      check(oneOf(r.promiseTime, ['1', '2']), 'promiseTime');
      check(oneOf(r.userProp, ['1', '2']), 'userProp');
      check(typeof r.serviceNumber === 'string' && serviceNumbers.has(r.serviceNumber), 'serviceNumber');
      check(
        r.areaCode === null || (typeof r.areaCode === 'string' && /^\d{12}$/.test(r.areaCode)),
        'areaCode',
      );
      break;
  }
  return p;
}

/** What the stand-in finds wrong with one record: field names (the reference's list, exactly), codes. */
export function recordProblems(
  kind: string,
  record: Record<string, unknown>,
  serviceNumbers: Set<string> = new Set(),
): string[] {
  const expected = EXCHANGE_FIELDS[kind];
  if (!expected) return [`unknown kind ${kind}`];
  const p: string[] = [];
  const missing = expected.filter((f) => !Object.prototype.hasOwnProperty.call(record, f));
  const extra = Object.keys(record).filter((f) => !expected.includes(f));
  if (missing.length > 0) p.push(`${kind}: missing ${missing.join(',')}`);
  if (extra.length > 0) p.push(`${kind}: unknown ${extra.join(',')}`);
  return [...p, ...codeProblems(kind, record, serviceNumbers)];
}

export interface ReceivedRecord {
  kind: string;
  record: Record<string, unknown>;
  /** The envelope as it arrived (its signature can be checked again with any key). */
  envelope: Envelope;
  verified: boolean;
  status: number;
  at: number;
}

/**
 * The provincial platform in the tests (a system outside our control): verifies our SM2 signature with
 * our public key, decrypts `params` with its private key, checks every record's field names and codes
 * (`problems` must stay empty), answers projectService with a fresh serviceNumber, and records what it
 * received in order. `answer(kind, fn)` makes it fail on purpose.
 */
export class ProvinceStandIn {
  readonly keys = sm2.generateKeyPairHex();
  readonly received: ReceivedRecord[] = [];
  readonly problems: string[] = [];
  readonly serviceNumbers = new Set<string>();
  private readonly answers = new Map<string, (r: Record<string, unknown>) => number>();
  private server?: Server;
  private issued = 0;
  url = '';

  /** `senderPublicKeyHex`: our key as the province holds it; `trust` replaces it (the published key). */
  constructor(
    private senderPublicKeyHex: string,
    private readonly appWord: string,
  ) {}

  trust(publicKeyHex: string): void {
    this.senderPublicKeyHex = publicKeyHex;
  }

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString('utf8')));
      req.on('end', () =>
        this.handle(req.url ?? '/', body, (status, json) => {
          res.writeHead(status, { 'content-type': 'application/json' });
          res.end(JSON.stringify(json));
        }),
      );
    });
    await new Promise<void>((r) => this.server!.listen(0, '127.0.0.1', r));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** The HTTP status the stand-in answers for this kind (200 = it accepts and answers success). */
  answer(kind: string, status: (r: Record<string, unknown>) => number): void {
    this.answers.set(kind, status);
  }

  /** Records accepted (answered 200), optionally of one case. */
  accepted(caseNo?: string): ReceivedRecord[] {
    return this.received.filter(
      (r) => r.status === 200 && (!caseNo || (r.record.project_no ?? r.record.projectNo) === caseNo),
    );
  }

  private handle(path: string, body: string, reply: (status: number, json: unknown) => void): void {
    // A partner's webhook endpoint sharing the test server (not the province): acknowledged, not checked.
    if (path === '/partner') return reply(200, { ok: true });
    const m = /^\/(exchange|hcp)\/([A-Za-z_]+)$/.exec(path);
    if (!m) return reply(404, { success: false, code: '404', errorMessage: 'no such interface' });
    const kind = m[2];
    let opened: { verified: boolean; params: unknown };
    let e: Envelope;
    try {
      e = JSON.parse(body) as Envelope;
      if (Object.keys(e).sort().join() !== 'appMark,params,sign,time') throw new Error('envelope fields');
      if (!/^\d{14}$/.test(e.time)) throw new Error('time format');
      opened = openEnvelope(e, {
        senderPublicKeyHex: this.senderPublicKeyHex,
        recipientPrivateKeyHex: this.keys.privateKey,
        appWord: this.appWord,
        signParams: true,
      });
    } catch (err) {
      this.problems.push(`${kind}: unreadable envelope (${(err as Error).message})`);
      return reply(400, { success: false, code: '400', errorMessage: 'bad envelope' });
    }
    const data = (opened.params as { data?: Array<Record<string, Record<string, unknown>>> }).data;
    const record = data?.[0]?.[kind];
    if (!record || data.length !== 1) {
      this.problems.push(`${kind}: params.data[0].${kind} missing`);
      return reply(400, { success: false, code: '400', errorMessage: 'no record' });
    }
    if (!opened.verified) this.problems.push(`${kind}: signature does not verify`);
    const wrong = recordProblems(kind, record, this.serviceNumbers);
    this.problems.push(...wrong);
    // A real province refuses a record with a missing field or an unknown code: so does the stand-in.
    const status = !opened.verified
      ? 401
      : wrong.length > 0
        ? 400
        : (this.answers.get(kind) ?? (() => 200))(record);
    this.received.push({ kind, record, envelope: e, verified: opened.verified, status, at: Date.now() });
    if (status !== 200) {
      return reply(status, { success: false, code: String(status), errorMessage: 'stand-in failure' });
    }
    if (kind !== 'projectService') return reply(200, { success: true, code: '200', errorMessage: null });
    const serviceNumber = `SN${String(++this.issued).padStart(6, '0')}`;
    this.serviceNumbers.add(serviceNumber);
    return reply(200, { success: true, code: '200', errorMessage: null, serviceCode: 'HCP', serviceNumber });
  }

  async stop(): Promise<void> {
    await new Promise<void>((r) => (this.server ? this.server.close(() => r()) : r()));
  }
}
