import { applyDecorators } from '@nestjs/common';
import { ApiBearerAuth } from '@nestjs/swagger';
import { Public, Role, Roles, ROLES } from '@app/shared/auth';
import { ShareClientEntity } from './entities/share-client.entity';
import { ShareOperation } from './share-status';

/**
 * Who may do what in 证照共享, in one place.
 * - The partner clients are administered by admins (JWT, role admin).
 * - The interface operations carry no JWT: the caller is the partner client named by accessId and proven
 *   by accessToken in the body (the provincial interface's envelope). HTTP-wise they are public; each
 *   call is then allowed only for an enabled client granted that operation, and only on the licence types
 *   (证照类型代码) it was granted.
 * - The download link is its own credential (random, single use, expiring).
 */
export const SHARE_CLIENT_ADMINS: readonly Role[] = [ROLES.ADMIN];

export const SharePolicy = {
  /** The admin API of partner clients. */
  administerClients: (): MethodDecorator & ClassDecorator =>
    applyDecorators(ApiBearerAuth(), Roles(...SHARE_CLIENT_ADMINS)),
  /** getToken and the operations: authenticated by accessId + accessToken/secret in the body. */
  operation: (): MethodDecorator => Public(),
  /** The temporary download link. */
  download: (): MethodDecorator => Public(),
  adminsText: `Roles: ${SHARE_CLIENT_ADMINS.join(', ')}.`,

  /** The client was granted the operation. */
  mayCall: (client: Pick<ShareClientEntity, 'operations'>, operation: ShareOperation): boolean =>
    client.operations.includes(operation),
  /** The client was granted the licence type. */
  maySee: (client: Pick<ShareClientEntity, 'certTypeCodes'>, typeCode: string): boolean =>
    client.certTypeCodes.includes(typeCode),
} as const;
