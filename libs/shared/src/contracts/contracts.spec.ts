import { CONTRACTS, ContractViolationError, validateContract } from './registry';
import { ceTypeOf, dataSchemaOf } from './cloudevents';
import { dlqOf, TOPICS, topicSpecs } from './topics';

describe('event contracts', () => {
  it('has one contract per topic and names topics <owner>.<aggregate>.<event>.v<major>', () => {
    for (const t of Object.values(TOPICS)) {
      expect(t).toMatch(/^(intake|approval|certificate|evaluation|gateway)\.[a-z-]+\.[a-z-]+\.v\d+$/);
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
});
