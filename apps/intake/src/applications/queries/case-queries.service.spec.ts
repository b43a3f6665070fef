import { ApplicationsPolicy } from '../applications.policy';
import { CaseChanges } from '../case-changes';
import { CaseLifeRepository } from '../repositories/case-life.repository';
import { CaseRepository } from '../repositories/case.repository';
import { aCase } from '../testing/case.fixture';
import { CaseQueries } from './case-queries.service';

describe('CaseQueries long poll', () => {
  const owner = { sub: 'citizen-1', roles: ['applicant' as const], token: 't' };

  function setup(versions: number[]) {
    const calls: string[] = [];
    let reads = 0;
    const cases = {
      findWithLife: () => {
        calls.push('read');
        const version = versions[Math.min(reads++, versions.length - 1)];
        return Promise.resolve({ entity: { ...aCase({ applicantSub: owner.sub }), version }, extra: {} });
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

  it('listens before it reads, so a change committed in between is not missed', async () => {
    const { calls, queries } = setup([3, 4]);
    const view = await queries.getCase(owner, 'X', { waitVersion: 3, waitSeconds: 5 });
    expect(view.version).toBe(4);
    expect(calls).toEqual(['listen', 'read', 'listen', 'read', 'cancel']);
  });

  it('answers at once when the case is already newer than the client’s copy', async () => {
    const { calls, queries } = setup([7]);
    expect((await queries.getCase(owner, 'X', { waitVersion: 3 })).version).toBe(7);
    expect(calls).toEqual(['listen', 'read', 'cancel']);
  });
});
