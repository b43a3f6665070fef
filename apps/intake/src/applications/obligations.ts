import { WorkCalendar } from '@app/shared/calendar';
import { DomainError } from '@app/shared/errors';
import type { MaterialSpec, ServiceItemEntity } from '../catalog/entities/service-item.entity';
import { onCalendar } from './case-clock';
import type { CaseEntity, SubmittedMaterial } from './entities/case.entity';
import type { CommittedMaterial } from './entities/commitment.entity';
import type { OwedMaterialEntity } from './entities/owed-material.entity';

/** Who accepts a case decided on the spot on a signed commitment (告知承诺制). */
export const COMMITMENT_ACCEPTOR = '系统 (告知承诺制当场受理)';

/** A signed 告知承诺书 as the applicant submits it. */
export interface CommitmentInput {
  statement: string;
  signerName: string;
  signedAt: Date;
  /** The material codes the commitment replaces. */
  materials: string[];
}

/** A 容缺 material to owe, with its due date. */
export interface OwedPlan {
  code: string;
  name: string;
  dueDate: string;
  dueAt: Date;
}

const duplicates = (codes: string[]) => [...new Set(codes.filter((c, i) => codes.indexOf(c) !== i))];

/** How far a signature may lie in the future (clock skew between the signing device and the server). */
const SIGNED_AT_SKEW_MS = 5 * 60_000;

/**
 * 告知承诺制: the item must define a post-check (postCheckDays) and every material the commitment replaces
 * must be one of the item's commitmentAllowed materials that the submission does not also bring.
 * Returns the committed materials with their catalog names.
 */
export function checkCommitment(
  item: ServiceItemEntity,
  commitment: CommitmentInput,
  submitted: SubmittedMaterial[],
  now: Date,
): CommittedMaterial[] {
  const dup = duplicates(commitment.materials);
  const given = new Set(submitted.map((m) => m.code));
  const both = commitment.materials.filter((c) => given.has(c));
  const problems = [
    ...(dup.length > 0
      ? [
          {
            field: 'commitment.materials',
            problems: [`材料重复 / duplicate material codes: ${dup.join(', ')}`],
          },
        ]
      : []),
    ...both.map((c) => ({
      field: `commitment.materials.${c}`,
      problems: ['已提交的材料不能再以承诺代替 / a material submitted cannot also be committed'],
    })),
    ...(commitment.signedAt.getTime() > now.getTime() + SIGNED_AT_SKEW_MS
      ? [{ field: 'commitment.signedAt', problems: ['签署时间晚于当前时间 / signedAt is in the future'] }]
      : []),
  ];
  if (problems.length > 0) throw new DomainError('VALIDATION_FAILED', undefined, problems);
  if (item.postCheckDays === null || item.postCheckDays < 1) {
    throw new DomainError('COMMITMENT_NOT_ALLOWED', undefined, { itemCode: item.taskCode, materials: [] });
  }
  const byCode = new Map(item.materials.map((m) => [m.code, m]));
  const refused = commitment.materials.filter((c) => !byCode.get(c)?.commitmentAllowed);
  if (refused.length > 0) {
    throw new DomainError('COMMITMENT_NOT_ALLOWED', undefined, {
      itemCode: item.taskCode,
      materials: refused,
      allowed: item.materials.filter((m) => m.commitmentAllowed).map((m) => m.code),
    });
  }
  return commitment.materials.map((code) => ({ code, name: byCode.get(code)!.name }));
}

/**
 * 容缺受理: what the case will owe after 受理. The clerk's list (each a deferrable, non-key material of the
 * item the case does not have) plus every required deferrable material still missing — the file is never
 * silently incomplete. Each is due `deferDays` working days after 受理 (its end of day, Asia/Shanghai).
 */
export function planOwed(
  calendar: WorkCalendar,
  item: ServiceItemEntity,
  c: Pick<CaseEntity, 'materials'>,
  listed: string[],
  committed: string[],
  acceptedAt: Date,
): OwedPlan[] {
  const dup = duplicates(listed);
  if (dup.length > 0) {
    throw new DomainError('VALIDATION_FAILED', undefined, [
      { field: 'owedMaterials', problems: [`材料重复 / duplicate material codes: ${dup.join(', ')}`] },
    ]);
  }
  const byCode = new Map(item.materials.map((m) => [m.code, m]));
  const unknown = listed.filter((code) => !byCode.has(code));
  if (unknown.length > 0) throw new DomainError('UNKNOWN_MATERIAL', undefined, { materials: unknown });
  const given = new Set([...c.materials.map((m) => m.code), ...committed]);
  const notDeferrable = listed.filter((code) => {
    const m = byCode.get(code)!;
    return !m.deferrable || m.key;
  });
  if (notDeferrable.length > 0) {
    throw new DomainError('MATERIAL_NOT_DEFERRABLE', undefined, {
      materials: notDeferrable,
      deferrable: item.materials.filter((m) => m.deferrable && !m.key).map((m) => m.code),
    });
  }
  const alreadyGiven = listed.filter((code) => given.has(code));
  if (alreadyGiven.length > 0) {
    throw new DomainError(
      'VALIDATION_FAILED',
      undefined,
      alreadyGiven.map((code) => ({
        field: `owedMaterials.${code}`,
        problems: ['该材料已提交, 不能容缺 / the case already has this material'],
      })),
    );
  }
  const missingDeferrable = item.materials
    .filter((m) => m.required && m.deferrable && !given.has(m.code))
    .map((m) => m.code);
  const codes = [...listed, ...missingDeferrable.filter((code) => !listed.includes(code))];
  return codes.map((code) => {
    const m: MaterialSpec = byCode.get(code)!;
    const due = onCalendar(() => calendar.dueDate(acceptedAt, m.deferDays ?? 1, '1'));
    return { code, name: m.name, dueDate: due.dueDate, dueAt: due.dueAt };
  });
}

/** The owed materials still outstanding (neither supplied nor found overdue). */
export const outstanding = (rows: OwedMaterialEntity[]): OwedMaterialEntity[] =>
  rows.filter((o) => o.suppliedAt === null && o.overdueAt === null);

/**
 * What the applicant brings against what is owed: some or all of the outstanding materials, each once;
 * nothing else (400 VALIDATION_FAILED), and none after its due date (409 SUPPLEMENT_DEADLINE_PASSED).
 */
export function checkOwedSupply(
  owed: OwedMaterialEntity[],
  materials: SubmittedMaterial[],
  now: Date,
): OwedMaterialEntity[] {
  const codes = materials.map((m) => m.code);
  const open = new Map(outstanding(owed).map((o) => [o.code, o]));
  const dup = duplicates(codes);
  const extra = codes.filter((code) => !open.has(code));
  if (dup.length > 0 || extra.length > 0) {
    throw new DomainError('VALIDATION_FAILED', undefined, [
      ...(dup.length > 0
        ? [{ field: 'materials', problems: [`材料重复 / duplicate material codes: ${dup.join(', ')}`] }]
        : []),
      ...[...new Set(extra)].map((code) => ({
        field: `materials.${code}`,
        problems: ['该材料不在待补交的容缺材料中 / not an outstanding owed material'],
      })),
    ]);
  }
  const late = codes.map((code) => open.get(code)!).filter((o) => o.dueAt.getTime() < now.getTime());
  if (late.length > 0) {
    throw new DomainError('SUPPLEMENT_DEADLINE_PASSED', undefined, {
      materials: late.map(({ code, dueDate }) => ({ code, dueDate })),
    });
  }
  return codes.map((code) => open.get(code)!);
}
