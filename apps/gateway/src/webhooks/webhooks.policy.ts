import { Injectable } from '@nestjs/common';
import { Principal, ROLES } from '@app/shared/auth';
import { DomainError } from '@app/shared/errors';

/**
 * Who may manage partner webhooks: platform admins only (the routes say `@Roles(admin)`; the use cases
 * check again, so a future caller that is not a controller cannot skip it).
 */
@Injectable()
export class WebhooksPolicy {
  manage(user: Principal): void {
    if (!user.roles.includes(ROLES.ADMIN)) throw new DomainError('FORBIDDEN');
  }
}
