import { randomBytes } from 'node:crypto';

/** A department code of its own, so a test's subscriptions see only its events. */
export const newDept = () => `9133${randomBytes(7).toString('hex').toUpperCase()}`;

/** An intake.case.completed.v1 payload of a natural person (ID only masked, as the contract requires). */
export const completed = (caseNo: string, deptCode: string) => ({
  caseNo,
  itemCode: `${deptCode}000111203000001`.slice(0, 36),
  itemName: '食品经营许可',
  deptCode,
  deptName: '杭州市市场监督管理局',
  doneResult: '0',
  completedAt: new Date().toISOString(),
  applicant: {
    userProp: '1',
    name: '张三',
    certType: '111',
    certMasked: '330106********1234',
    certHash: 'c'.repeat(64),
  },
  applicantSub: 'citizen-webhooks',
  projectType: '1',
  licenceId: null,
});
