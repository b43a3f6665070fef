import { Module } from '@nestjs/common';
import { AuthorisationsController } from './authorisations.controller';
import { ChiefAuthorisationRepository } from './chief-authorisation.repository';
import { ChiefAuthorisationQueries } from './use-cases/chief-authorisation-queries/chief-authorisation-queries.use-case';
import { GrantChiefAuthorisationUseCase } from './use-cases/grant-chief-authorisation/grant-chief-authorisation.use-case';
import { RevokeChiefAuthorisationUseCase } from './use-cases/revoke-chief-authorisation/revoke-chief-authorisation.use-case';

@Module({
  controllers: [AuthorisationsController],
  providers: [
    ChiefAuthorisationRepository,
    GrantChiefAuthorisationUseCase,
    RevokeChiefAuthorisationUseCase,
    ChiefAuthorisationQueries,
  ],
  exports: [ChiefAuthorisationRepository],
})
export class AuthorisationsModule {}
