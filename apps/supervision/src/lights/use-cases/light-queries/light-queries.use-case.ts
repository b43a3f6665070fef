import { Injectable } from '@nestjs/common';
import { Principal } from '@app/shared/auth';
import { Page } from '@app/shared/database';
import { DomainError } from '@app/shared/errors';
import { ScopePolicy } from '../../../common/scope.policy';
import { EscalationView } from '../../../escalations/dto/escalation.dto';
import { EscalationRepository } from '../../../escalations/escalation.repository';
import { ClockRepository } from '../../../projection/repositories/clock.repository';
import { SupervisedCaseRepository } from '../../../projection/repositories/supervised-case.repository';
import {
  CaseSupervisionView,
  ClockView,
  FlagView,
  LightChangeView,
  ListFlagsQueryDto,
  ListLightsQueryDto,
} from '../../dto/lights.dto';

/** The read side of 电子监察: red/yellow clocks, flags, and the supervision view of one case. */
@Injectable()
export class LightQueries {
  constructor(
    private readonly clocks: ClockRepository,
    private readonly cases: SupervisedCaseRepository,
    private readonly escalations: EscalationRepository,
    private readonly scope: ScopePolicy,
  ) {}

  async lights(user: Principal, q: ListLightsQueryDto): Promise<Page<ClockView>> {
    const dept = this.scope.deptFilter(user, q.deptCode);
    const page = await this.clocks.page(
      { lights: q.light ?? ['RED', 'YELLOW'], dept, kind: q.kind, itemCode: q.itemCode, region: q.region },
      q,
    );
    return { ...page, items: page.items.map((k) => ClockView.of(k)) };
  }

  async flags(user: Principal, q: ListFlagsQueryDto): Promise<Page<FlagView>> {
    const dept = this.scope.deptFilter(user, q.deptCode);
    const page = await this.cases.flagPage({ dept, kind: q.kind }, q);
    return { ...page, items: page.items.map((f) => FlagView.of(f)) };
  }

  /** A case the caller may not see (another department's) is answered like an unknown one: 404. */
  async forCase(user: Principal, caseNo: string): Promise<CaseSupervisionView> {
    const c = await this.cases.find(caseNo);
    if (!c || !this.scope.canRead(user, c.deptCode)) {
      throw new DomainError('CASE_NOT_FOUND', undefined, { caseNo });
    }
    const [clocks, changes, escalations, flags] = await Promise.all([
      this.clocks.forCase(caseNo),
      this.clocks.changesOf(caseNo),
      this.escalations.forCase(caseNo),
      this.cases.flagsOf(caseNo),
    ]);
    return CaseSupervisionView.of(c, {
      clocks: clocks.map((k) => ClockView.of(k)),
      lightHistory: changes.map((x) => LightChangeView.of(x)),
      escalations: escalations.map((x) => EscalationView.of(x)),
      flags: flags.map((f) => FlagView.of(f)),
    });
  }
}
