import { Injectable } from '@nestjs/common';
import { Principal } from '@app/shared/auth';
import { DomainError } from '@app/shared/errors';
import { BundleCatalog } from '../../bundle-catalog';
import { assertBundleDefinitionValid } from '../../bundle-rules';
import {
  BundleDefinitionElementsDto,
  CreateBundleDefinitionDto,
} from '../../dto/bundle-definition.request.dto';
import { BundleDefinitionView } from '../../dto/bundle-definition.response.dto';
import { BundleDefinitionEntity } from '../../entities/bundle-definition.entity';
import { BundleDefinitionRepository } from '../../repositories/bundle-definition.repository';

export interface CreateBundleDefinitionCommand {
  user: Principal;
  dto: CreateBundleDefinitionDto;
}

/** A new 一件事 definition (admin), once it holds against the published catalog (bundle-rules.ts). */
@Injectable()
export class CreateBundleDefinitionUseCase {
  constructor(
    private readonly definitions: BundleDefinitionRepository,
    private readonly catalog: BundleCatalog,
  ) {}

  async execute({ user, dto }: CreateBundleDefinitionCommand): Promise<BundleDefinitionView> {
    const spec = BundleDefinitionElementsDto.toSpec(dto.code, dto);
    assertBundleDefinitionValid(spec, await this.catalog.publishedItems(spec));
    return this.definitions.inTransaction(async (em) => {
      if (await this.definitions.lockByCode(em, dto.code)) {
        throw new DomainError(
          'INVALID_STATE',
          '该一件事编码已存在 / A bundle definition with this code exists',
          {
            definitionCode: dto.code,
          },
        );
      }
      const { code, ...elements } = spec;
      const saved = await this.definitions.save(
        em,
        em.create(BundleDefinitionEntity, { code, ...elements, version: 1, updatedBy: user.sub }),
      );
      return BundleDefinitionView.from(saved);
    });
  }
}
