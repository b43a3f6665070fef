import { Injectable } from '@nestjs/common';
import { Principal } from '@app/shared/auth';
import { BundleCatalog, definitionNotFound } from '../../bundle-catalog';
import { assertBundleDefinitionValid } from '../../bundle-rules';
import { BundleDefinitionElementsDto } from '../../dto/bundle-definition.request.dto';
import { BundleDefinitionView } from '../../dto/bundle-definition.response.dto';
import { BundleDefinitionRepository } from '../../repositories/bundle-definition.repository';

export interface UpdateBundleDefinitionCommand {
  user: Principal;
  code: string;
  dto: BundleDefinitionElementsDto;
}

/**
 * Replaces a definition's elements (admin) once they hold; its version goes up. Bundles already filed
 * keep the definition they were filed under (a snapshot on the bundle).
 */
@Injectable()
export class UpdateBundleDefinitionUseCase {
  constructor(
    private readonly definitions: BundleDefinitionRepository,
    private readonly catalog: BundleCatalog,
  ) {}

  async execute({ user, code, dto }: UpdateBundleDefinitionCommand): Promise<BundleDefinitionView> {
    if (!(await this.definitions.findByCode(code))) throw definitionNotFound(code);
    const spec = BundleDefinitionElementsDto.toSpec(code, dto);
    assertBundleDefinitionValid(spec, await this.catalog.publishedItems(spec));
    return this.definitions.inTransaction(async (em) => {
      const d = await this.definitions.lockByCode(em, code);
      if (!d) throw definitionNotFound(code);
      const { code: _code, ...elements } = spec;
      Object.assign(d, elements, { version: d.version + 1, updatedBy: user.sub });
      return BundleDefinitionView.from(await this.definitions.save(em, d));
    });
  }
}
