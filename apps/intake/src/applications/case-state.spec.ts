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
    expect(() => nextStatus('DONE', 'confirmRefusal')).toThrow(DomainError);
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

  it('sends a case to 补正 and back; a missed deadline ends it as 退件', () => {
    expect(nextStatus('SUBMITTED', 'requestSupplement')).toBe('SUPPLEMENT_REQUIRED');
    expect(nextStatus('SUPPLEMENT_REQUIRED', 'supplement')).toBe('SUBMITTED');
    expect(nextStatus('SUPPLEMENT_REQUIRED', 'expireSupplement')).toBe('DONE');
    // Nothing is accepted, proposed for refusal or noticed again while the clock stands still.
    for (const a of ['accept', 'proposeRefusal', 'requestSupplement'] as const) {
      expect(canTransition('SUPPLEMENT_REQUIRED', a)).toBe(false);
    }
    for (const s of ['ACCEPTED', 'IN_APPROVAL', 'APPROVED', 'DONE', 'NOT_ACCEPTED'] as const) {
      expect(canTransition(s, 'requestSupplement')).toBe(false);
      expect(canTransition(s, 'expireSupplement')).toBe(false);
    }
    expect(canTransition('SUBMITTED', 'supplement')).toBe(false);
  });

  it('lets only the chief decide a clerk’s refusal proposal: confirmed → NOT_ACCEPTED, overturned → ACCEPTED', () => {
    expect(nextStatus('SUBMITTED', 'proposeRefusal')).toBe('REFUSAL_PROPOSED');
    expect(nextStatus('REFUSAL_PROPOSED', 'confirmRefusal')).toBe('NOT_ACCEPTED');
    expect(nextStatus('REFUSAL_PROPOSED', 'overturnRefusal')).toBe('ACCEPTED');
    expect(canTransition('REFUSAL_PROPOSED', 'accept')).toBe(false);
    expect(canTransition('REFUSAL_PROPOSED', 'proposeRefusal')).toBe(false);
    expect(canTransition('SUBMITTED', 'confirmRefusal')).toBe(false);
    expect(canTransition('SUBMITTED', 'overturnRefusal')).toBe(false);
    expect(canTransition('ACCEPTED', 'proposeRefusal')).toBe(false);
  });

  it('lets the applicant withdraw before a decision only', () => {
    for (const s of [
      'SUBMITTED',
      'SUPPLEMENT_REQUIRED',
      'REFUSAL_PROPOSED',
      'ACCEPTED',
      'IN_APPROVAL',
    ] as const) {
      expect(nextStatus(s, 'withdraw')).toBe('DONE');
    }
    for (const s of ['APPROVED', 'DONE', 'NOT_ACCEPTED'] as const) {
      expect(() => nextStatus(s, 'withdraw')).toThrow(expect.objectContaining({ code: 'INVALID_STATE' }));
    }
  });

  it('counts 补正 and a pending refusal proposal as 待受理 (proStatus 1)', () => {
    expect(proStatusOf('SUPPLEMENT_REQUIRED')).toBe('1');
    expect(proStatusOf('REFUSAL_PROPOSED')).toBe('1');
  });
});
