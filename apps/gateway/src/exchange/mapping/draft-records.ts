import { RecordDraft, stableGuid } from './case-facts';
import { CD_OPERATION } from './exchange-codes';

/** A process row (up_pro_process) from one event: one node that started at `startAt` and ended at `at`. */
export function processDraft(
  eventId: string,
  at: string,
  source: Record<string, unknown>,
  startAt?: string,
): RecordDraft {
  return {
    kind: 'up_pro_process',
    seq: 0,
    orderAt: at,
    rowGuid: stableGuid('up_pro_process', eventId),
    operation: CD_OPERATION.INSERT,
    afterAccept: source.node === 'STEP' || source.node === 'RETURN',
    source: { ...source, startAt: startAt && Date.parse(startAt) < Date.parse(at) ? startAt : at, endAt: at },
  };
}

/** 材料目录 rows (up_pro_material) from one event, told apart by seq; guid stable per event and code. */
export function materialDrafts(
  eventId: string,
  at: string,
  afterAccept: boolean,
  sources: Array<{ code: string } & Record<string, unknown>>,
): RecordDraft[] {
  return sources.map((source, seq) => ({
    kind: 'up_pro_material',
    seq,
    orderAt: at,
    rowGuid: stableGuid('up_pro_material', eventId, source.code),
    operation: CD_OPERATION.INSERT,
    afterAccept,
    source,
  }));
}
