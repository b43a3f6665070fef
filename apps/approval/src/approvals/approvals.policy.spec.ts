import { ROLES } from '@app/shared/auth';
import { ApprovalsPolicy } from './approvals.policy';
import { admin, approvalCase, approver, DEPT, OTHER_DEPT } from './testing/approval.fixtures';
import { delegation } from './testing/delegation.fixtures';

describe('ApprovalsPolicy with cross-department delegations', () => {
  const policy = new ApprovalsPolicy();
  const now = new Date('2026-11-25T02:00:00Z');
  const delegate = approver('delegate-1', OTHER_DEPT);
  const a = approvalCase();

  it('lets the delegate department see and decide the case under a valid delegation', () => {
    const d = policy.delegationFor(delegate, a, [delegation()], now);
    expect(d?.id).toBe(delegation().id);
    expect(policy.canSee(delegate, a, d)).toBe(true);
    expect(policy.decidable(delegate, a, a.caseNo, d)).toBe(a);
  });

  it('picks the most recently granted of several valid delegations', () => {
    const older = delegation({ id: 'older' });
    const newer = delegation({ id: 'newer', grantedAt: new Date('2026-10-01T00:00:00Z') });
    expect(policy.delegationFor(delegate, a, [older, newer], now)?.id).toBe('newer');
  });

  it.each([
    ['expired', delegation({ validTo: new Date('2026-11-25T02:00:00Z') })],
    ['not yet valid', delegation({ validFrom: new Date('2026-11-25T02:00:01Z') })],
    ['revoked', delegation({ revokedAt: new Date('2026-11-20T00:00:00Z') })],
    ['for another item', delegation({ itemCodes: [`${DEPT}000111203000099`] })],
    ['from another department', delegation({ fromDept: '11330100002491026R', toDept: DEPT })],
  ])('gives no access under a delegation %s: 404 on read and decision', (_label, d) => {
    expect(policy.delegationFor(delegate, a, [d], now)).toBeNull();
    expect(() => policy.visible(delegate, a, a.caseNo, null)).toThrow(
      expect.objectContaining({ code: 'APPROVAL_NOT_FOUND' }),
    );
    expect(() => policy.decidable(delegate, a, a.caseNo, null)).toThrow(
      expect.objectContaining({ code: 'APPROVAL_NOT_FOUND' }),
    );
  });

  it('ignores a delegation to another department than the caller’s', () => {
    const stranger = approver('stranger', '91330106MA2H00000X');
    const d = delegation();
    expect(policy.delegationFor(stranger, a, [d], now)).toBeNull();
    expect(policy.canSee(stranger, a, d)).toBe(false);
  });

  it('keeps the own department’s rights without a delegation, and needs none for it', () => {
    expect(policy.delegationFor(approver(), a, [delegation()], now)).toBeNull();
    expect(policy.decidable(approver(), a, a.caseNo)).toBe(a);
  });

  it('still requires the step’s role of the delegate (403 otherwise)', () => {
    const d = delegation();
    const chiefStep = approvalCase({
      steps: a.steps.map((s, i) => (i === 0 ? { ...s, role: 'chief' as const } : s)),
    });
    expect(() => policy.decidable(delegate, chiefStep, a.caseNo, d)).toThrow(
      expect.objectContaining({ code: 'FORBIDDEN' }),
    );
    const delegateChief = { ...delegate, roles: [ROLES.CHIEF] };
    expect(policy.decidable(delegateChief, chiefStep, a.caseNo, d)).toBe(chiefStep);
  });

  it('extends the delegate’s list scope with the valid delegations only', () => {
    const grants = [
      delegation(),
      delegation({ id: 'x', revokedAt: now }),
      delegation({ id: 'y', validTo: new Date('2026-11-01T00:00:00Z') }),
    ];
    expect(policy.delegatedScope(delegate, grants, now)).toEqual([
      { fromDept: DEPT, itemCodes: delegation().itemCodes },
    ]);
    expect(policy.delegatedScope(admin(), grants, now)).toEqual([]);
    expect(policy.delegatedScope(approver(), grants, now)).toEqual([]);
  });
});
