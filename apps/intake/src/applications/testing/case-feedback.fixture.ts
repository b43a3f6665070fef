import { EntityManager } from 'typeorm';
import { CaseFeedbackEntity } from '../entities/case-feedback.entity';
import { CaseFeedbackRepository } from '../repositories/case-feedback.repository';

/** In-memory feedback items of the case under test. */
export class FakeFeedbackRepository {
  readonly items: CaseFeedbackEntity[] = [];
  openOf(_em: EntityManager, caseNo: string): Promise<CaseFeedbackEntity | null> {
    return Promise.resolve(this.items.find((f) => f.caseNo === caseNo && f.status === 'OPEN') ?? null);
  }
  lockOne(_em: EntityManager, caseNo: string, id: string): Promise<CaseFeedbackEntity | null> {
    return Promise.resolve(this.items.find((f) => f.caseNo === caseNo && f.id === id) ?? null);
  }
  save(_em: EntityManager, f: CaseFeedbackEntity): Promise<CaseFeedbackEntity> {
    if (!f.id) f.id = `00000000-0000-4000-8000-00000000000${this.items.length + 1}`;
    if (!this.items.includes(f)) this.items.push(f);
    return Promise.resolve(f);
  }
  asRepository(): CaseFeedbackRepository {
    return this as unknown as CaseFeedbackRepository;
  }
}
