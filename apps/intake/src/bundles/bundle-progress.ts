import type { BundleEndState, BundleMemberOutcome } from '@app/shared/contracts';
import { BundleDefinitionSpec, dependentsOf } from './bundle-definition';

/** 办结结果 of a member case → the member's outcome: 0 completed, 2 (作废办结) withdrawn, anything else failed. */
export function outcomeOfDoneResult(
  doneResult: string,
): Extract<BundleMemberOutcome, 'COMPLETED' | 'FAILED' | 'WITHDRAWN'> {
  if (doneResult === '0') return 'COMPLETED';
  if (doneResult === '2') return 'WITHDRAWN';
  return 'FAILED';
}

const DONE_RESULT_NAMES: Record<string, string> = {
  '1': '不予许可',
  '2': '撤回',
  '3': '转报办结',
  '4': '补正后不予受理',
  '5': '退件',
  '6': '不予受理',
};
export const doneResultName = (r: string | null): string => (r ? (DONE_RESULT_NAMES[r] ?? r) : '');

export interface MemberState {
  taskCode: string;
  outcome: BundleMemberOutcome;
  doneResult: string | null;
}

export interface Settlement {
  /** PENDING members whose dependencies all completed: to file now. */
  toStart: string[];
  /** PENDING members that can never start (a dependency failed or was withdrawn), with the reason. */
  toCancel: Array<{ taskCode: string; reason: string }>;
  /** The bundle's end, when it ends now. */
  end: {
    state: Extract<BundleEndState, 'COMPLETED' | 'PARTIALLY_COMPLETED' | 'FAILED'>;
    reason: string;
  } | null;
}

const ENDED: readonly BundleMemberOutcome[] = ['COMPLETED', 'FAILED', 'WITHDRAWN', 'CANCELLED'];

/**
 * What follows from the members' states of a running bundle:
 * - a member refused or withdrawn that others depend on (a founding member) fails the bundle at once, and
 *   its dependents that never started are cancelled (recorded, never created); members already running
 *   go on as the independent cases they are;
 * - a refused or withdrawn member nobody depends on stops nothing;
 * - PENDING members whose dependencies all completed start;
 * - when no member is pending or running: COMPLETED if every member completed, PARTIALLY_COMPLETED if
 *   some did, FAILED if none did.
 */
export function settle(
  def: Pick<BundleDefinitionSpec, 'members'>,
  members: readonly MemberState[],
): Settlement {
  const byCode = new Map(members.map((m) => [m.taskCode, m]));
  const toCancel: Settlement['toCancel'] = [];
  let founderFailure: string | null = null;
  for (const m of members) {
    if (m.outcome !== 'FAILED' && m.outcome !== 'WITHDRAWN') continue;
    const dependents = dependentsOf(def, m.taskCode);
    if (dependents.length === 0) continue;
    const why = `${m.taskCode} ${m.outcome === 'WITHDRAWN' ? '已撤回 / withdrawn' : `未办成 / refused (${doneResultName(m.doneResult)})`}`;
    founderFailure ??= why;
    for (const d of dependents) {
      if (byCode.get(d)?.outcome === 'PENDING' && !toCancel.some((c) => c.taskCode === d)) {
        toCancel.push({ taskCode: d, reason: `前置事项 ${why}` });
      }
    }
  }
  const cancelled = new Set(toCancel.map((c) => c.taskCode));
  const toStart = founderFailure
    ? []
    : def.members
        .filter((s) => byCode.get(s.taskCode)?.outcome === 'PENDING')
        .filter((s) => s.dependsOn.every((d) => byCode.get(d)?.outcome === 'COMPLETED'))
        .map((s) => s.taskCode);
  if (founderFailure) return { toStart, toCancel, end: { state: 'FAILED', reason: founderFailure } };
  const after = members.map((m) =>
    cancelled.has(m.taskCode) ? 'CANCELLED' : toStart.includes(m.taskCode) ? 'STARTED' : m.outcome,
  );
  if (!after.every((o) => ENDED.includes(o))) return { toStart, toCancel, end: null };
  const completed = after.filter((o) => o === 'COMPLETED').length;
  if (completed === after.length) return { toStart, toCancel, end: { state: 'COMPLETED', reason: '' } };
  const others = members.filter((m) => m.outcome !== 'COMPLETED').map((m) => `${m.taskCode} ${m.outcome}`);
  return {
    toStart,
    toCancel,
    end:
      completed > 0
        ? {
            state: 'PARTIALLY_COMPLETED',
            reason: `部分事项未办成 / not all members completed: ${others.join('; ')}`,
          }
        : { state: 'FAILED', reason: `没有事项办成 / no member completed: ${others.join('; ')}` },
  };
}
