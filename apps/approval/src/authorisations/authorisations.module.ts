import { Module } from '@nestjs/common';
import { AuthorisationsController } from './authorisations.controller';
import { ChiefAuthorisationRepository } from './chief-authorisation.repository';
import { DelegationRepository } from './delegation.repository';
import { DelegationsController } from './delegations.controller';
import { ChiefAuthorisationQueries } from './use-cases/chief-authorisation-queries/chief-authorisation-queries.use-case';
import { DelegationQueries } from './use-cases/delegation-queries/delegation-queries.use-case';
import { GrantChiefAuthorisationUseCase } from './use-cases/grant-chief-authorisation/grant-chief-authorisation.use-case';
import { GrantDelegationUseCase } from './use-cases/grant-delegation/grant-delegation.use-case';
import { RevokeChiefAuthorisationUseCase } from './use-cases/revoke-chief-authorisation/revoke-chief-authorisation.use-case';
import { RevokeDelegationUseCase } from './use-cases/revoke-delegation/revoke-delegation.use-case';

@Module({
  controllers: [AuthorisationsController, DelegationsController],
  providers: [
    ChiefAuthorisationRepository,
    GrantChiefAuthorisationUseCase,
    RevokeChiefAuthorisationUseCase,
    ChiefAuthorisationQueries,
    DelegationRepository,
    GrantDelegationUseCase,
    RevokeDelegationUseCase,
    DelegationQueries,
  ],
  exports: [ChiefAuthorisationRepository, DelegationRepository],
})
export class AuthorisationsModule {}
