import { Module } from '@nestjs/common';
import { ScopePolicy } from '../common/scope.policy';
import { EscalationRepository } from './escalation.repository';
import { EscalationsController } from './escalations.controller';
import { EscalationsPolicy } from './escalations.policy';
import { AcknowledgeEscalationUseCase } from './use-cases/acknowledge-escalation/acknowledge-escalation.use-case';
import { EscalationQueries } from './use-cases/escalation-queries/escalation-queries.use-case';
import { ResolveEscalationUseCase } from './use-cases/resolve-escalation/resolve-escalation.use-case';

/** 督办: items opened by red clocks, acknowledged and resolved by the department head, with an audit trail. */
@Module({
  controllers: [EscalationsController],
  providers: [
    ScopePolicy,
    EscalationRepository,
    EscalationsPolicy,
    EscalationQueries,
    AcknowledgeEscalationUseCase,
    ResolveEscalationUseCase,
  ],
  exports: [EscalationRepository, ScopePolicy],
})
export class EscalationsModule {}
