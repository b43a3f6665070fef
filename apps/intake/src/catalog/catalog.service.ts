import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { Page } from '@app/shared/database';
import { ListItemsQuery } from '../applications/dto/applications.dto';
import { paginate } from '@app/shared/database';
import { DomainError } from '@app/shared/errors';
import { ServiceItemEntity } from './entities/service-item.entity';

export type ItemView = ReturnType<typeof toItemView>;

export function toItemView(it: ServiceItemEntity) {
  return {
    taskCode: it.taskCode,
    catalogCode: it.catalogCode,
    name: it.name,
    taskType: it.taskType,
    deptCode: it.deptCode,
    deptName: it.deptName,
    legalLimit: { value: it.legalLimit, unit: it.legalUnit },
    promiseLimit: { value: it.promiseLimit, unit: it.promiseUnit },
    projectType: it.projectType,
    visitCount: it.visitCount,
    serverTypes: it.serverTypes,
    materials: it.materials,
    formFields: it.formFields,
    result: it.yieldsLicence
      ? {
          type: '出证办结',
          licenceTypeCode: it.licenceTypeCode,
          licenceTypeName: it.licenceTypeName,
          validYears: it.licenceValidYears,
        }
      : { type: '审批办结' },
    version: it.itemVersion,
  };
}

@Injectable()
export class CatalogService {
  constructor(@InjectRepository(ServiceItemEntity) private readonly items: Repository<ServiceItemEntity>) {}

  async list(q: ListItemsQuery): Promise<Page<ItemView>> {
    const qb = this.items.createQueryBuilder('i').where(`i.status = '2'`);
    if (q.deptCode) qb.andWhere('i.dept_code = :dept', { dept: q.deptCode });
    if (q.keyword) {
      qb.andWhere(`i.name LIKE :kw ESCAPE '\\'`, {
        kw: `%${q.keyword.replace(/[\\%_]/g, (c) => `\\${c}`)}%`,
      });
    }
    return paginate(qb, q, { by: 'i.task_code', direction: 'ASC' }, toItemView);
  }

  async getPublished(taskCode: string): Promise<ServiceItemEntity> {
    const it = await this.items.findOne({ where: { taskCode, status: '2' } });
    if (!it) throw new DomainError('ITEM_NOT_FOUND', undefined, { itemCode: taskCode });
    return it;
  }
}
