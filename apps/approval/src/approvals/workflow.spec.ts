import { testWorkCalendar } from '@app/shared/testing';
import { addNaturalDays, caseClockOf, naturalDaysBetween } from '@app/shared/calendar';
import {
  applyChiefDecision,
  applyDecision,
  applyResume,
  applyReturn,
  capPause,
  caseSteps,
  IMMEDIATE_WORKFLOW,
  PROMISE_WORKFLOW,
  roleOfStep,
  startStep,
  workflowFor,
  workflowProblems,
} from './workflow';

describe('approval workflow transitions', () => {
  it('uses 承办 → 审核 → 批准 for 承诺件 and a single step for 即办件', () => {
    expect(workflowFor('2').map((s) => s.code)).toEqual(['1', '2', '3']);
    expect(workflowFor('1')).toBe(IMMEDIATE_WORKFLOW);
  });

  it('advances one step per approval and approves on the last', () => {
    let o = applyDecision(PROMISE_WORKFLOW, 1, 'OPEN', 'approve');
    expect(o).toMatchObject({ stepNo: 1, result: '1', status: 'OPEN', nextStep: 2, step: { name: '承办' } });
    o = applyDecision(PROMISE_WORKFLOW, o.nextStep, 'OPEN', 'approve');
    expect(o).toMatchObject({ stepNo: 2, result: '1', status: 'OPEN', nextStep: 3 });
    o = applyDecision(PROMISE_WORKFLOW, o.nextStep, 'OPEN', 'approve');
    expect(o).toMatchObject({ stepNo: 3, result: '1', status: 'APPROVED', step: { name: '批准' } });
  });

  it('records 不同意 before the last step and moves on: only 批准 decides the outcome', () => {
    expect(applyDecision(PROMISE_WORKFLOW, 1, 'OPEN', 'deny')).toMatchObject({
      stepNo: 1,
      result: '0',
      status: 'OPEN',
      nextStep: 2,
    });
    expect(applyDecision(PROMISE_WORKFLOW, 2, 'OPEN', 'deny')).toMatchObject({
      stepNo: 2,
      result: '0',
      status: 'OPEN',
      nextStep: 3,
    });
    expect(applyDecision(PROMISE_WORKFLOW, 3, 'OPEN', 'deny')).toMatchObject({
      stepNo: 3,
      result: '0',
      status: 'DENIED',
      step: { name: '批准' },
    });
    // The last step may approve whatever earlier steps proposed.
    expect(applyDecision(PROMISE_WORKFLOW, 3, 'OPEN', 'approve')).toMatchObject({ status: 'APPROVED' });
  });

  it('lets the single step of 即办件 decide either way', () => {
    expect(applyDecision(IMMEDIATE_WORKFLOW, 1, 'OPEN', 'approve')).toMatchObject({ status: 'APPROVED' });
    expect(applyDecision(IMMEDIATE_WORKFLOW, 1, 'OPEN', 'deny')).toMatchObject({
      stepNo: 1,
      result: '0',
      status: 'DENIED',
    });
  });

  it('refuses decisions on a closed case or a step outside the workflow', () => {
    expect(() => applyDecision(PROMISE_WORKFLOW, 3, 'APPROVED', 'approve')).toThrow(/APPROVED/);
    expect(() => applyDecision(PROMISE_WORKFLOW, 1, 'DENIED', 'deny')).toThrow(/DENIED/);
    expect(() => applyDecision(PROMISE_WORKFLOW, 4, 'OPEN', 'approve')).toThrow(/no step 4/);
    expect(() => applyDecision(PROMISE_WORKFLOW, 0, 'OPEN', 'approve')).toThrow(/no step 0/);
  });
});

describe('versioned workflows, step clocks, 首席代表, 退回 and 特别程序 (pure)', () => {
  const cal = testWorkCalendar();
  const add = (d: string, n: number) => cal.addWorkingDays(d, n);
  const defs = [
    { code: '1' as const, role: 'approver' as const, limitDays: 2 },
    { code: '2' as const, role: 'approver' as const, limitDays: 2 },
    { code: '3' as const, role: 'chief' as const, limitDays: 1 },
  ];

  it('accepts 0–3 ascending unique steps with a role and a limit ≥ 0, and says what is wrong otherwise', () => {
    expect(workflowProblems([])).toEqual([]);
    expect(workflowProblems(defs)).toEqual([]);
    expect(workflowProblems([{ code: '3', role: 'chief', limitDays: 0 }])).toEqual([]);
    expect(workflowProblems([...defs, { code: '3', role: 'approver', limitDays: 1 }])).toContain(
      'at most 3 steps',
    );
    expect(workflowProblems([defs[1], defs[0]])).toEqual(['step codes must be ascending and unique']);
    expect(workflowProblems([defs[0], defs[0]])).toEqual(['step codes must be ascending and unique']);
    expect(workflowProblems([{ code: '4', role: 'clerk', limitDays: -1 }])).toEqual([
      'steps.0.code must be 1, 2 or 3',
      'steps.0.role must be approver or chief',
      'steps.0.limitDays must be a whole number 0–60',
    ]);
    expect(workflowProblems([{ code: '1', role: 'approver', limitDays: 1.5 }])).toHaveLength(1);
  });

  it('names the steps from SPHJDM and starts a step with its due date in working days across a holiday', () => {
    const steps = caseSteps(defs);
    expect(steps.map((s) => [s.name, s.role, s.startedOn, s.dueDate])).toEqual([
      ['承办', 'approver', null, null],
      ['审核', 'approver', null, null],
      ['批准', 'chief', null, null],
    ]);
    // 2026-09-30 + 2 working days: 10-01…07 National Day → 10-08, 10-09.
    expect(startStep(steps, 1, '2026-09-30', add)[0]).toMatchObject({
      startedOn: '2026-09-30',
      dueDate: '2026-10-09',
    });
    // 2026-12-31 + 1 working day: 2027-01-01 holiday (fixture), 01-02/03 weekend → 2027-01-04.
    expect(startStep(steps, 3, '2026-12-31', add)[2].dueDate).toBe('2027-01-04');
    expect(startStep(PROMISE_WORKFLOW, 1, '2026-12-31', add)[0].dueDate).toBeNull();
    expect(roleOfStep(PROMISE_WORKFLOW[0])).toBe('approver');
    expect(roleOfStep(steps[2])).toBe('chief');
  });

  it('lets the chief decide every remaining step with one result', () => {
    const steps = caseSteps(defs);
    expect(
      applyChiefDecision(steps, 2, 'OPEN', 'approve').map((o) => [o.stepNo, o.result, o.status]),
    ).toEqual([
      [2, '1', 'OPEN'],
      [3, '1', 'APPROVED'],
    ]);
    expect(applyChiefDecision(steps, 1, 'OPEN', 'deny').map((o) => [o.stepNo, o.result, o.status])).toEqual([
      [1, '0', 'OPEN'],
      [2, '0', 'OPEN'],
      [3, '0', 'DENIED'],
    ]);
    expect(() => applyChiefDecision(steps, 1, 'SUSPENDED', 'approve')).toThrow(/SUSPENDED/);
  });

  it('returns to the previous step, which starts again with its full limit; never from step 1', () => {
    const steps = startStep(caseSteps(defs), 2, '2026-09-28', add);
    const r = applyReturn(steps, 2, 'OPEN', '2026-09-30', add);
    expect(r).toMatchObject({ fromStepNo: 2, toStepNo: 1 });
    expect(r?.steps[0]).toMatchObject({ startedOn: '2026-09-30', dueDate: '2026-10-09' });
    expect(r?.steps[1]).toMatchObject({ startedOn: null, dueDate: null });
    expect(applyReturn(steps, 1, 'OPEN', '2026-09-30', add)).toBeNull();
    expect(() => applyReturn(steps, 2, 'APPROVED', '2026-09-30', add)).toThrow(/APPROVED/);
  });

  it('moves the current step and the case by the working days paused, holidays not counted', () => {
    const steps = startStep(caseSteps(defs), 1, '2026-09-28', add); // due 2026-09-30
    const calendar = {
      addWorkingDays: add,
      workingDaysBetween: (a: string, b: string) => cal.workingDaysBetween(a, b),
    };
    // Paused 2026-09-29 → 2026-10-09: 09-30, 10-08, 10-09 = 3 working days.
    const r = applyResume(steps, 1, '2026-10-20', '2026-09-29', '2026-10-09', calendar);
    // Step due 09-30 + 3 → 10-08, 10-09 and 10-10 (a Saturday worked in exchange, 调休).
    expect(r).toMatchObject({ pausedWorkingDays: 3, stepDueDate: '2026-10-10', dueDate: '2026-10-23' });
    expect(applyResume(steps, 1, '2026-10-20', '2026-09-29', '2026-09-29', calendar)).toMatchObject({
      pausedWorkingDays: 0,
      stepDueDate: '2026-09-30',
      dueDate: '2026-10-20',
    });
  });

  it('caps the pause credited at the type’s maximum and counts the overrun in working days', () => {
    const calendar = {
      addWorkingDays: add,
      workingDaysBetween: (a: string, b: string) => cal.workingDaysBetween(a, b),
    };
    // 10 working days from 2026-09-29 across National Day: latest end 2026-10-19.
    expect(capPause('2026-09-29', '2026-10-19', 10, calendar)).toEqual({
      creditedEnd: '2026-10-19',
      latestEnd: '2026-10-19',
      overrunWorkingDays: 0,
    });
    expect(capPause('2026-09-29', '2026-10-09', 10, calendar)).toMatchObject({
      creditedEnd: '2026-10-09',
      overrunWorkingDays: 0,
    });
    // Ended on 10-25 (a Sunday): 10-20 … 10-23 overran, 4 working days.
    expect(capPause('2026-09-29', '2026-10-25', 10, calendar)).toEqual({
      creditedEnd: '2026-10-19',
      latestEnd: '2026-10-19',
      overrunWorkingDays: 4,
    });
  });

  it('moves a natural-day case (自然日) by the natural days paused; its step still by working days', () => {
    const steps = startStep(caseSteps(defs), 1, '2026-09-28', add); // due 2026-09-30
    const calendar = {
      addWorkingDays: add,
      workingDaysBetween: (a: string, b: string) => cal.workingDaysBetween(a, b),
    };
    // Paused (2026-09-29, 2026-10-09]: 10 natural days, of which 3 working days (National Day between).
    const r = applyResume(steps, 1, '2026-10-20', '2026-09-29', '2026-10-09', calendar, '2');
    expect(r).toMatchObject({
      pausedWorkingDays: 3,
      caseClock: 'natural',
      pausedCaseDays: 10,
      // The step's limit is in working days: 09-30 + 3 → 10-10 (调休 Saturday), as for a 工作日 case.
      stepDueDate: '2026-10-10',
      // The case's 承诺办结日期 in 自然日: 10-20 + 10 → 10-30 (a 工作日 case would get 10-23).
      dueDate: '2026-10-30',
    });
    expect(r.steps[0].dueDate).toBe('2026-10-10');
    // Across New Year: (2026-12-30, 2027-01-05] = 6 natural days, month and year roll over.
    expect(applyResume(steps, 1, '2026-12-28', '2026-12-30', '2027-01-05', calendar, '2').dueDate).toBe(
      '2027-01-03',
    );
    // A pause ended the day it started moves nothing.
    expect(applyResume(steps, 1, '2026-10-20', '2026-09-29', '2026-09-29', calendar, '2')).toMatchObject({
      pausedCaseDays: 0,
      dueDate: '2026-10-20',
    });
  });

  it('shifts in working days for 工作日 and cases from before the unit was kept, natural days otherwise', () => {
    expect([null, undefined, '1', '2', '3', '4', '5'].map((u) => caseClockOf(u))).toEqual([
      'working',
      'working',
      'working',
      'natural',
      'natural',
      'natural',
      'natural',
    ]);
    const steps = startStep(caseSteps(defs), 1, '2026-09-28', add);
    const calendar = {
      addWorkingDays: add,
      workingDaysBetween: (a: string, b: string) => cal.workingDaysBetween(a, b),
    };
    for (const unit of [null, '1']) {
      expect(applyResume(steps, 1, '2026-10-20', '2026-09-29', '2026-10-09', calendar, unit)).toMatchObject({
        caseClock: 'working',
        pausedCaseDays: 3,
        dueDate: '2026-10-23',
      });
    }
    expect(naturalDaysBetween('2026-02-27', '2026-03-02')).toBe(3);
    expect(naturalDaysBetween('2026-10-09', '2026-09-29')).toBe(0);
    expect(addNaturalDays('2028-02-28', 2)).toBe('2028-03-01');
  });
});
