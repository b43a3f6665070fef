import { createHash } from 'node:crypto';
import type { CdOperation, ExchangeKind } from './exchange-codes';

/**
 * What the exchange knows of one case, merged from the events it consumed (no record of its own is sent
 * for `intake.application.submitted.v1`; it only adds the 申请时间 and 申报方式). A record is rendered at
 * send time from its event plus these facts, so a fact that arrives late (another topic lagging) is used.
 * The applicant's ID number is only ever the masked value the events carry.
 */
export interface CaseFacts {
  itemCode?: string;
  itemName?: string;
  deptCode?: string;
  deptName?: string;
  /** 事项类型 task_type (accepted) */
  taskType?: string;
  /** 办件类型 1 即办件, 2 承诺件 */
  projectType?: string;
  /** 申请时间 (submitted) and 申报方式 submit code */
  applyDate?: string;
  submitChannel?: string;
  acceptDate?: string;
  acceptDocNo?: string;
  promiseDate?: string;
  applicant?: { userProp: string; name: string; certType: string; certMasked: string };
  licenceTypeName?: string;
  /** Names of materials named in 补正 notices, by material code (supplemented events carry codes only). */
  materials?: Record<string, string>;
  /** Start of each 特别程序 by procedure id (the resume event carries only its end). */
  specialStarts?: Record<string, string>;
  /** When the last process node ended and who handled it (start of the next node; result's handler). */
  lastNodeAt?: string;
  lastHandler?: string;
}

/** One record to send, planned from one event. `source` is what rendering needs besides the case facts. */
export interface RecordDraft {
  kind: ExchangeKind;
  /** Several records of one kind from one event (material rows) are told apart by seq. */
  seq: number;
  /** Business time of the record: records of one case are sent in this order. */
  orderAt: string;
  rowGuid: string;
  operation: CdOperation;
  /**
   * Sent only once the case's up_pro_accept row was delivered: records that causally follow 受理
   * (approval steps, 特别程序, a 准予/不予许可 result) but travel on other topics than the accept event.
   */
  afterAccept: boolean;
  source: Record<string, unknown>;
}

/** A stable UUID (name-based, SHA-1 like RFC 4122 v5) of the parts: the same row always gets the same guid. */
export function stableGuid(...parts: string[]): string {
  const h = createHash('sha1').update(parts.join('\u0000')).digest();
  h[6] = (h[6] & 0x0f) | 0x50;
  h[8] = (h[8] & 0x3f) | 0x80;
  const x = h.subarray(0, 16).toString('hex');
  return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20)}`;
}

/** Merges a patch into the facts (undefined values do not erase what is known). */
export function mergeFacts(facts: CaseFacts, patch: Partial<CaseFacts>): CaseFacts {
  const out: CaseFacts = { ...facts };
  for (const [k, v] of Object.entries(patch) as Array<[keyof CaseFacts, unknown]>) {
    if (v === undefined) continue;
    if (k === 'materials' || k === 'specialStarts') {
      out[k] = { ...(facts[k] ?? {}), ...(v as Record<string, string>) };
    } else Object.assign(out, { [k]: v });
  }
  return out;
}

/** The later of two ISO instants (lastNodeAt only moves forward, whatever order events arrive in). */
export const laterOf = (a: string | undefined, b: string): string =>
  a !== undefined && Date.parse(a) > Date.parse(b) ? a : b;
