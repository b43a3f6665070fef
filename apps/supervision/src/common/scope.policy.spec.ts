import { Principal } from '@app/shared/auth';
import { DomainError } from '@app/shared/errors';
import { ScopePolicy } from './scope.policy';

describe('ScopePolicy', () => {
  const policy = new ScopePolicy();
  const D1 = '113301000024901620';
  const D2 = '11330100002491026R';
  const supervisor: Principal = { sub: 's', roles: ['supervisor'], token: 't' };
  const head: Principal = { sub: 'h', roles: ['dept_head'], dept: D1, token: 't' };
  const headless: Principal = { sub: 'h2', roles: ['dept_head'], token: 't' };

  it('a supervisor reads every department, or the one asked for', () => {
    expect(policy.deptFilter(supervisor)).toBeNull();
    expect(policy.deptFilter(supervisor, D2)).toBe(D2);
    expect(policy.canRead(supervisor, D2)).toBe(true);
  });

  it('a department head reads their own department only; another one is 403', () => {
    expect(policy.deptFilter(head)).toBe(D1);
    expect(policy.deptFilter(head, D1)).toBe(D1);
    expect(() => policy.deptFilter(head, D2)).toThrow(DomainError);
    expect(policy.canRead(head, D1)).toBe(true);
    expect(policy.canRead(head, D2)).toBe(false);
    expect(policy.canRead(head, null)).toBe(false);
    expect(policy.canRead(headless, D1)).toBe(false);
  });
});
