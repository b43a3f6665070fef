import type { EntityManager } from 'typeorm';
import type { OutboxRelay, OutboxService } from '@app/shared/kafka';
import type { DelegationRepository } from '../../authorisations/delegation.repository';
import type { DelegationGrant } from '../approvals.policy';
import type { ApprovalCaseEntity } from '../entities/approval-case.entity';
import type { ApprovalCaseRepository } from '../repositories/approval-case.repository';
import type { ApprovalQueries } from '../use-cases/approval-queries/approval-queries.use-case';

/** Mocked collaborators of the approval command use cases (unit specs). */
export function commandHarness(
  a: ApprovalCaseEntity | null,
  decidedStep: number | null = null,
  grants: DelegationGrant[] = [],
) {
  const em = {} as EntityManager;
  const cases = {
    transaction: jest.fn((work: (em: EntityManager) => Promise<unknown>) => work(em)),
    findForUpdate: jest.fn().mockResolvedValue(a),
    lockCaseNo: jest.fn().mockResolvedValue(undefined),
    rememberWithdrawal: jest.fn().mockResolvedValue(undefined),
    beforeOpening: jest.fn().mockResolvedValue({ withdrawn: false, owedSupplies: new Map() }),
    // The audit trail read in the transaction: the caller's earlier step decision, if any.
    auditOf: jest
      .fn()
      .mockResolvedValue(
        decidedStep === null
          ? []
          : [{ actorSub: 'approver-1', action: 'STEP_APPROVED', stepNo: decidedStep }],
      ),
    proceduresOf: jest.fn().mockResolvedValue([]),
    // The entry as stored (a decision answers from it).
    appendAudit: jest.fn(
      (_em: EntityManager, _a: ApprovalCaseEntity, entry: { actor: { sub: string }; [k: string]: unknown }) =>
        Promise.resolve({ ...entry, actorSub: entry.actor.sub }),
    ),
    save: jest.fn().mockResolvedValue(undefined),
    insertProcedure: jest.fn((_em: EntityManager, v: object) =>
      Promise.resolve({ id: '00000000-0000-4000-8000-0000000000a1', ...v }),
    ),
    findProcedureForUpdate: jest.fn().mockResolvedValue(null),
    findRunningProcedureForUpdate: jest.fn().mockResolvedValue(null),
    saveProcedure: jest.fn().mockResolvedValue(undefined),
  };
  const delegations = { toDept: jest.fn().mockResolvedValue(grants) };
  const outbox = { add: jest.fn().mockResolvedValue(undefined) };
  const relay = { poke: jest.fn() };
  const queries = { get: jest.fn().mockResolvedValue({ caseNo: a?.caseNo }) };
  return {
    em,
    cases,
    outbox,
    relay,
    queries,
    delegations,
    delegationsRef: delegations as unknown as DelegationRepository,
    repo: cases as unknown as ApprovalCaseRepository,
    box: outbox as unknown as OutboxService,
    relayRef: relay as unknown as OutboxRelay,
    queriesRef: queries as unknown as ApprovalQueries,
    clockAt: (iso: string) => ({ now: () => new Date(iso) }),
  };
}
