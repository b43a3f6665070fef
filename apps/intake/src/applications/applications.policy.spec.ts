import { DomainError } from '@app/shared/errors';
import { ApplicationsPolicy } from './applications.policy';
import { aCase, GA, principal, SCJG } from './testing/case.fixture';

describe('ApplicationsPolicy', () => {
  const policy = new ApplicationsPolicy();
  const c = aCase({ deptCode: SCJG, applicantSub: 'citizen-1' });
  const ownClerk = principal({ roles: ['clerk'], dept: SCJG });
  const otherClerk = principal({ roles: ['clerk'], dept: GA });
  const admin = principal({ sub: 'admin', roles: ['admin'], dept: undefined });
  const owner = principal({ sub: 'citizen-1', roles: ['applicant'], dept: undefined });
  const stranger = principal({ sub: 'citizen-2', roles: ['applicant'], dept: undefined });

  it('lets the owner, staff of the department and admin see a case, nobody else', () => {
    expect([ownClerk, admin, owner].map((u) => policy.canView(u, c))).toEqual([true, true, true]);
    expect([otherClerk, stranger].map((u) => policy.canView(u, c))).toEqual([false, false]);
  });

  it('lets only staff of the department (and admin) handle a case', () => {
    expect([ownClerk, admin].map((u) => policy.canHandle(u, c))).toEqual([true, true]);
    expect([otherClerk, owner, stranger].map((u) => policy.canHandle(u, c))).toEqual([false, false, false]);
  });

  it('answers CASE_NOT_FOUND, never FORBIDDEN with the owning department, for a case the caller may not touch', () => {
    for (const check of [
      () => policy.assertCanHandle(otherClerk, c),
      () => policy.assertCanView(stranger, c),
    ]) {
      let thrown: unknown;
      try {
        check();
      } catch (e) {
        thrown = e;
      }
      expect(thrown).toBeInstanceOf(DomainError);
      expect((thrown as DomainError).code).toBe('CASE_NOT_FOUND');
      expect(JSON.stringify((thrown as DomainError).details)).not.toContain(SCJG);
    }
  });

  it('scopes lists: admin all, staff their department, applicants their own', () => {
    expect(policy.listScope(admin)).toEqual({ kind: 'all' });
    expect(policy.listScope(otherClerk)).toEqual({ kind: 'dept', deptCode: GA });
    expect(policy.listScope(owner)).toEqual({ kind: 'own', applicantSub: 'citizen-1' });
    // Staff without a department see no department's cases, only what they filed themselves.
    expect(policy.listScope(principal({ sub: 's', roles: ['approver'], dept: undefined }))).toEqual({
      kind: 'own',
      applicantSub: 's',
    });
  });

  it('leaves 补正 and 撤回 to the owner, and the refusal decision to a chief of the department', () => {
    const chief = principal({ sub: 'chief', roles: ['chief'], dept: SCJG });
    const otherChief = principal({ sub: 'chief-ga', roles: ['chief'], dept: GA });
    expect([owner, stranger, ownClerk, admin].map((u) => policy.isOwner(u, c))).toEqual([
      true,
      false,
      false,
      false,
    ]);
    expect([chief, otherChief, ownClerk, admin].map((u) => policy.isChiefOf(u, c))).toEqual([
      true,
      false,
      false,
      false,
    ]);
    expect(policy.canView(chief, c)).toBe(true);
    expect(() => policy.assertIsChiefOf(otherChief, c)).toThrow(
      expect.objectContaining({ code: 'CASE_NOT_FOUND' }),
    );
    expect(() => policy.assertIsOwner(ownClerk, c)).toThrow(
      expect.objectContaining({ code: 'CASE_NOT_FOUND' }),
    );
  });
});
