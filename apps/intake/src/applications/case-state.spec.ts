import { DomainError } from '@app/shared/errors';
import { canTransition, nextStatus } from './case-state';
import { proStatusOf } from './entities/case.entity';

describe('case state machine', () => {
  it('follows the happy path to DONE', () => {
    let s = nextStatus('SUBMITTED', 'accept');
    expect(s).toBe('ACCEPTED');
    s = nextStatus(s, 'approvalOpened');
    expect(s).toBe('IN_APPROVAL');
    s = nextStatus(s, 'approvedAwaitingLicence');
    expect(s).toBe('APPROVED');
    expect(nextStatus(s, 'complete')).toBe('DONE');
  });

  it('refuses commands in the wrong state with INVALID_STATE', () => {
    expect(() => nextStatus('ACCEPTED', 'accept')).toThrow(DomainError);
    expect(() => nextStatus('NOT_ACCEPTED', 'accept')).toThrow(
      expect.objectContaining({ code: 'INVALID_STATE', status: 409 }),
    );
    expect(() => nextStatus('DONE', 'reject')).toThrow(DomainError);
    expect(canTransition('SUBMITTED', 'complete')).toBe(false);
    expect(canTransition('DONE', 'complete')).toBe(false);
  });

  it('completes from any post-acceptance state (events may arrive out of order)', () => {
    for (const s of ['ACCEPTED', 'IN_APPROVAL', 'APPROVED'] as const) {
      expect(nextStatus(s, 'complete')).toBe('DONE');
    }
  });

  it('maps to the provincial proStatus codes', () => {
    expect(proStatusOf('SUBMITTED')).toBe('1');
    expect(proStatusOf('IN_APPROVAL')).toBe('2');
    expect(proStatusOf('DONE')).toBe('3');
    expect(proStatusOf('NOT_ACCEPTED')).toBe('3');
  });
});
