import { applyDecision, IMMEDIATE_WORKFLOW, PROMISE_WORKFLOW, workflowFor } from './workflow';

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
