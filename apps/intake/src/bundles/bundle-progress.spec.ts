import type { BundleMemberOutcome } from '@app/shared/contracts';
import { outcomeOfDoneResult, settle } from './bundle-progress';

const A = 'A';
const def = {
  members: [
    { taskCode: A, dependsOn: [], applicant: 'BUNDLE' as const },
    { taskCode: 'B', dependsOn: [A], applicant: 'BUNDLE' as const },
    { taskCode: 'C', dependsOn: [A], applicant: 'BUNDLE' as const },
    { taskCode: 'D', dependsOn: ['C'], applicant: 'BUNDLE' as const },
    { taskCode: 'E', dependsOn: [], applicant: 'BUNDLE' as const },
  ],
};
const state = (outcomes: Record<string, BundleMemberOutcome>, doneResult: string | null = null) =>
  def.members.map((m) => ({ taskCode: m.taskCode, outcome: outcomes[m.taskCode] ?? 'PENDING', doneResult }));

describe('bundle progress', () => {
  it('maps 办结结果 to outcomes', () => {
    expect(['0', '1', '2', '5', '6'].map(outcomeOfDoneResult)).toEqual([
      'COMPLETED',
      'FAILED',
      'WITHDRAWN',
      'FAILED',
      'FAILED',
    ]);
  });

  it('starts the members without dependencies first, then those whose dependencies all completed', () => {
    expect(settle(def, state({}))).toEqual({ toStart: [A, 'E'], toCancel: [], end: null });
    expect(settle(def, state({ A: 'STARTED', E: 'STARTED' }))).toEqual({
      toStart: [],
      toCancel: [],
      end: null,
    });
    expect(settle(def, state({ A: 'COMPLETED', E: 'STARTED' })).toStart).toEqual(['B', 'C']);
    expect(
      settle(def, state({ A: 'COMPLETED', B: 'STARTED', C: 'COMPLETED', E: 'STARTED' })).toStart,
    ).toEqual(['D']);
  });

  it('fails the bundle when a member others depend on is refused or withdrawn; cancels its pending dependents', () => {
    const s = settle(def, state({ A: 'FAILED', E: 'STARTED' }, '6'));
    expect(s.toStart).toEqual([]);
    expect(s.toCancel.map((c) => c.taskCode)).toEqual(['B', 'C', 'D']);
    expect(s.end).toEqual({ state: 'FAILED', reason: expect.stringContaining('A') });
    expect(settle(def, state({ A: 'WITHDRAWN', E: 'STARTED' })).end?.state).toBe('FAILED');
  });

  it('lets a refused or withdrawn independent member stop nothing, and ends PARTIALLY_COMPLETED', () => {
    const running = settle(def, state({ A: 'COMPLETED', B: 'WITHDRAWN', C: 'STARTED', E: 'FAILED' }));
    expect(running).toEqual({ toStart: [], toCancel: [], end: null });
    const ended = settle(
      def,
      state({ A: 'COMPLETED', B: 'WITHDRAWN', C: 'COMPLETED', D: 'COMPLETED', E: 'COMPLETED' }),
    );
    expect(ended.end?.state).toBe('PARTIALLY_COMPLETED');
  });

  it('completes when every member completed, and fails when none did', () => {
    const all = Object.fromEntries(def.members.map((m) => [m.taskCode, 'COMPLETED'])) as Record<
      string,
      BundleMemberOutcome
    >;
    expect(settle(def, state(all)).end).toEqual({ state: 'COMPLETED', reason: '' });
    const two = { members: [def.members[0], def.members[4]] };
    expect(
      settle(two, [
        { taskCode: A, outcome: 'FAILED', doneResult: '1' },
        { taskCode: 'E', outcome: 'WITHDRAWN', doneResult: '2' },
      ]).end?.state,
    ).toBe('FAILED');
  });
});
