import { Injectable } from '@nestjs/common';
import { DomainError } from '@app/shared/errors';
import { CatalogService } from '../catalog/catalog.service';
import { ServiceItemEntity } from '../catalog/entities/service-item.entity';
import { BundleDefinitionSpec } from './bundle-definition';
import { BundleDefinitionEntity } from './entities/bundle-definition.entity';
import { BundleDefinitionRepository } from './repositories/bundle-definition.repository';

export const BUNDLE_DEFINITION_NOT_FOUND_MESSAGE = '一件事定义不存在 / Bundle definition not found';
export const definitionNotFound = (code: string): DomainError =>
  new DomainError('NOT_FOUND', BUNDLE_DEFINITION_NOT_FOUND_MESSAGE, { definitionCode: code });

/** Bundle definitions and the published items they are checked against. */
@Injectable()
export class BundleCatalog {
  constructor(
    private readonly definitions: BundleDefinitionRepository,
    private readonly catalog: CatalogService,
  ) {}

  async definition(code: string): Promise<BundleDefinitionEntity> {
    const d = await this.definitions.findByCode(code);
    if (!d) throw definitionNotFound(code);
    return d;
  }

  static spec(d: BundleDefinitionEntity): BundleDefinitionSpec {
    return {
      code: d.code,
      name: d.name,
      description: d.description,
      formFields: d.formFields,
      materials: d.materials,
      members: d.members,
      mapping: d.mapping,
      materialMapping: d.materialMapping,
      enterprise: d.enterprise,
    };
  }

  /** The published version of every member item, by 实施编码 (an unpublished one is absent). */
  async publishedItems(def: Pick<BundleDefinitionSpec, 'members'>): Promise<Map<string, ServiceItemEntity>> {
    const out = new Map<string, ServiceItemEntity>();
    for (const m of def.members) {
      try {
        out.set(m.taskCode, await this.catalog.getPublished(m.taskCode));
      } catch (e) {
        if (!(e instanceof DomainError && e.code === 'ITEM_NOT_FOUND')) throw e;
      }
    }
    return out;
  }
}
