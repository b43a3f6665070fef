import { ApplicationsPolicy } from '../applications.policy';
import { CaseChanges } from '../case-changes';
import { CaseLifeRepository } from '../repositories/case-life.repository';
import { CaseRepository } from '../repositories/case.repository';
import { aCase } from '../testing/case.fixture';
import { CaseQueries } from './case-queries.service';

describe('CaseQueries long poll', () => {
  const owner = { sub: 'citizen-1', roles: ['applicant' as const], token: 't' };

  /** `probes`: the versions the probes see in turn; `reads`: those the whole-case reads see (last repeats). */
  function setup(probes: number[], reads: number[] = probes, applicantSub = owner.sub) {
    const calls: string[] = [];
    const next = (list: number[], i: number) => list[Math.min(i, list.length - 1)];
    let probed = 0;
    let read = 0;
    const cases = {
      probe: (caseNo: string) => {
        calls.push('probe');
        return Promise.resolve({ caseNo, version: next(probes, probed++), deptCode: 'D', applicantSub });
      },
      findWithLife: () => {
        calls.push('read');
        const version = next(reads, read++);
        return Promise.resolve({ entity: { ...aCase({ applicantSub }), version }, extra: {} });
      },
    } as unknown as CaseRepository;
    const changes = {
      waitForChange: () => {
        calls.push('listen');
        return { done: Promise.resolve(), cancel: () => calls.push('cancel') };
      },
    } as unknown as CaseChanges;
    const life = {
      read: () => Promise.resolve({ notices: [], pauses: [] }),
    } as unknown as CaseLifeRepository;
    return { calls, queries: new CaseQueries(cases, new ApplicationsPolicy(), changes, life) };
  }

  it('listens before it probes, so a change committed in between is not missed; reads the whole case once', async () => {
    const { calls, queries } = setup([3], [4]);
    const view = await queries.getCase(owner, 'X', { waitVersion: 3, waitSeconds: 5 });
    expect(view.version).toBe(4);
    expect(calls).toEqual(['listen', 'probe', 'read']);
  });

  it('answers at once when the case is already newer than the client’s copy', async () => {
    const { calls, queries } = setup([7]);
    expect((await queries.getCase(owner, 'X', { waitVersion: 3 })).version).toBe(7);
    expect(calls).toEqual(['listen', 'probe', 'cancel', 'read']);
  });

  it('waits again when woken without a newer version', async () => {
    const { calls, queries } = setup([3, 3], [3, 5]);
    expect((await queries.getCase(owner, 'X', { waitVersion: 3, waitSeconds: 5 })).version).toBe(5);
    expect(calls).toEqual(['listen', 'probe', 'read', 'listen', 'probe', 'read']);
  });

  it('a case the caller may not see is not found from the probe: no whole read, the listener cancelled', async () => {
    const { calls, queries } = setup([3], [3], 'someone-else');
    await expect(queries.getCase(owner, 'X', { waitVersion: 3 })).rejects.toMatchObject({
      code: 'CASE_NOT_FOUND',
    });
    expect(calls).toEqual(['listen', 'probe', 'cancel']);
  });
});
