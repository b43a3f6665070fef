import { CONTRACTS, ContractViolationError, validateContract } from './registry';
import { ceTypeOf, dataSchemaOf } from './cloudevents';
import { dlqOf, TOPICS, topicSpecs } from './topics';

describe('event contracts', () => {
  it('has one contract per topic and names topics <owner>.<aggregate>.<event>.v<major>', () => {
    for (const t of Object.values(TOPICS)) {
      expect(t).toMatch(
        /^(intake|approval|certificate|evaluation|gateway|supervision)\.[a-z-]+\.[a-z-]+\.v\d+$/,
      );
      expect(CONTRACTS[t]).toBeDefined();
    }
    expect(ceTypeOf(TOPICS.APPROVAL_CASE_APPROVED)).toBe('approval.case.approved');
    expect(dataSchemaOf(TOPICS.LICENCE_ISSUED)).toContain('certificate.licence.issued.v1');
  });

  it('declares every topic and its .dlq with explicit partitions', () => {
    const specs = topicSpecs();
    expect(specs).toHaveLength(Object.values(TOPICS).length * 2);
    expect(specs.find((s) => s.name === dlqOf(TOPICS.CASE_COMPLETED))?.partitions).toBe(1);
    expect(specs.find((s) => s.name === TOPICS.CASE_COMPLETED)?.partitions).toBe(6);
  });

  it('validates payloads, including nested applicant data, and rejects violations', () => {
    const ok = {
      caseNo: '33010020261124000001',
      itemCode: 'X',
      itemName: '事项',
      deptCode: '113301000024901620',
      deptName: '部门',
      applicant: {
        userProp: '1',
        name: '李四',
        certType: '111',
        certMasked: '110105********002X',
        certHash: 'a'.repeat(64),
      },
      submitChannel: '1',
      projectType: '2',
      submittedAt: new Date().toISOString(),
    };
    expect(validateContract(TOPICS.APPLICATION_SUBMITTED, ok).caseNo).toBe(ok.caseNo);
    expect(() =>
      validateContract(TOPICS.APPLICATION_SUBMITTED, {
        ...ok,
        applicant: { ...ok.applicant, certHash: 'plain' },
      }),
    ).toThrow(ContractViolationError);
    expect(() => validateContract(TOPICS.APPLICATION_SUBMITTED, { ...ok, projectType: '9' })).toThrow(
      /projectType/,
    );
    expect(() => validateContract(TOPICS.APPLICATION_SUBMITTED, [])).toThrow(/JSON object/);
  });

  it('refuses a natural person’s ID number in clear, whatever the ID type', () => {
    const base = {
      caseNo: '33010020261124000001',
      itemCode: 'X',
      itemName: '事项',
      deptCode: '113301000024901620',
      deptName: '部门',
      submitChannel: '1',
      projectType: '2',
      submittedAt: new Date().toISOString(),
    };
    const person = (certType: string, certMasked: string) => ({
      ...base,
      applicant: { userProp: '1', name: '李四', certType, certMasked, certHash: 'a'.repeat(64) },
    });
    for (const [type, clear] of [
      ['111', '11010519491231002X'],
      ['414', 'E12345678'],
      ['516', 'H1234567801'],
    ]) {
      expect(() => validateContract(TOPICS.APPLICATION_SUBMITTED, person(type, clear))).toThrow(/masked/);
    }
    expect(() => validateContract(TOPICS.APPLICATION_SUBMITTED, person('414', 'E1****78'))).not.toThrow();
    const company = {
      ...base,
      applicant: {
        userProp: '2',
        name: '公司',
        certType: '001',
        certMasked: '91330106MA2KXXXX1X',
        certHash: 'a'.repeat(64),
      },
    };
    expect(() => validateContract(TOPICS.APPLICATION_SUBMITTED, company)).not.toThrow();
  });

  it('validates the 容缺 and 告知承诺 contracts (owed list, post-check failed) and the accepted additions', () => {
    const ref = {
      caseNo: '33010020261124000001',
      itemCode: 'X',
      itemName: '事项',
      deptCode: '113301000024901620',
      deptName: '部门',
    };
    const supplied = { ...ref, materials: ['M03'], outstanding: [], suppliedAt: new Date().toISOString() };
    expect(() =>
      validateContract(TOPICS.APPLICATION_OWED_MATERIALS_SUPPLIED, supplied, 'producer'),
    ).not.toThrow();
    expect(() =>
      validateContract(TOPICS.APPLICATION_OWED_MATERIALS_SUPPLIED, { ...supplied, materials: [] }),
    ).toThrow(/materials/);
    const failed = {
      ...ref,
      postCheckNo: `HC${ref.caseNo}`,
      commitmentNo: `CN${ref.caseNo}`,
      reason: '承诺不实',
      checkedBy: '首席代表',
      checkedAt: new Date().toISOString(),
      licenceId: null,
    };
    expect(() => validateContract(TOPICS.CASE_POST_CHECK_FAILED, failed, 'producer')).not.toThrow();
    expect(() => validateContract(TOPICS.CASE_POST_CHECK_FAILED, { ...failed, reason: '' })).toThrow(
      /reason/,
    );
    const overdue = {
      ...ref,
      materials: [{ code: 'M03', name: '印模', dueDate: '2026-12-01' }],
      overdueAt: new Date().toISOString(),
      previousStatus: 'ACCEPTED',
    };
    // The item's rule: 5 退件 (default) or 1 不予许可; nothing else.
    for (const doneResult of ['5', '1']) {
      expect(() =>
        validateContract(TOPICS.APPLICATION_OWED_MATERIALS_OVERDUE, { ...overdue, doneResult }, 'producer'),
      ).not.toThrow();
    }
    expect(() =>
      validateContract(TOPICS.APPLICATION_OWED_MATERIALS_OVERDUE, { ...overdue, doneResult: '6' }),
    ).toThrow(/doneResult/);
    // v1 keeps its shape: 退件 only.
    expect(() =>
      validateContract(
        TOPICS.APPLICATION_OWED_MATERIALS_OVERDUE_V1,
        { ...overdue, doneResult: '5' },
        'producer',
      ),
    ).not.toThrow();
    expect(() =>
      validateContract(TOPICS.APPLICATION_OWED_MATERIALS_OVERDUE_V1, { ...overdue, doneResult: '1' }),
    ).toThrow(/doneResult/);
  });

  it('says on clock-resumed when a pause ended because the case ended (caseDoneResult, optional)', () => {
    const resumed = {
      caseNo: '33010020261124000001',
      itemCode: 'X',
      itemName: '事项',
      deptCode: '113301000024901620',
      deptName: '部门',
      reason: 'SUPPLEMENT',
      pauseRef: 'BZ33010020261124000001-1',
      pauseStartedAt: new Date().toISOString(),
      pauseEndedAt: new Date().toISOString(),
      pausedWorkingDays: 2,
      totalPausedDays: 2,
      promiseDate: null,
    };
    expect(() => validateContract(TOPICS.CASE_CLOCK_RESUMED, resumed, 'producer')).not.toThrow();
    const ended = { ...resumed, caseDoneResult: '2' };
    expect(validateContract(TOPICS.CASE_CLOCK_RESUMED, ended, 'producer').caseDoneResult).toBe('2');
    expect(() =>
      validateContract(TOPICS.CASE_CLOCK_RESUMED, { ...resumed, caseDoneResult: '9' }, 'producer'),
    ).toThrow(/caseDoneResult/);
  });

  it('lets producers publish only declared fields, and consumers ignore fields added later', () => {
    const ok = {
      caseNo: '33010020261124000001',
      approvalId: '5a8f7f43-7f5e-4a55-9f6a-08c1f9a1b6a1',
      itemCode: 'X',
      itemName: '事项',
      deptCode: '113301000024901620',
      deptName: '部门',
      opinion: '不符合法定条件',
      deniedAt: new Date().toISOString(),
    };
    const extended = { ...ok, certNo: '11010519491231002X' };
    expect(() => validateContract(TOPICS.APPROVAL_CASE_DENIED, ok, 'producer')).not.toThrow();
    expect(() => validateContract(TOPICS.APPROVAL_CASE_DENIED, extended, 'producer')).toThrow(/certNo/);
    const consumed = validateContract(TOPICS.APPROVAL_CASE_DENIED, extended, 'consumer');
    expect(consumed).not.toHaveProperty('certNo');
    expect(consumed.opinion).toBe(ok.opinion);
  });
});
