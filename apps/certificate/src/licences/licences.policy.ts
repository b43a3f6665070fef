import { applyDecorators } from '@nestjs/common';
import { ApiBearerAuth } from '@nestjs/swagger';
import { Public, Role, Roles, ROLES } from '@app/shared/auth';

/**
 * Who may do what with licences, in one place. Reading a licence (its data or its file) is for the staff
 * and partners who state a purpose; the usage log is for admins; verification and the public keys are
 * public (they show only minimal personal data).
 */
export const LICENCE_READERS: readonly Role[] = [ROLES.CLERK, ROLES.APPROVER, ROLES.PARTNER, ROLES.ADMIN];
export const USAGE_LOG_READERS: readonly Role[] = [ROLES.ADMIN];

const rolesText = (roles: readonly Role[]) => `Roles: ${roles.join(', ')}.`;

export const LicencesPolicy = {
  /** Licence data and file, with 用证事由. */
  readLicence: (): MethodDecorator => applyDecorators(ApiBearerAuth(), Roles(...LICENCE_READERS)),
  /** The usage log (用证记录). */
  readUsageLog: (): MethodDecorator => applyDecorators(ApiBearerAuth(), Roles(...USAGE_LOG_READERS)),
  /** QR and file verification, public keys. */
  verify: (): MethodDecorator => Public(),
  readersText: rolesText(LICENCE_READERS),
  usageReadersText: rolesText(USAGE_LOG_READERS),
} as const;
