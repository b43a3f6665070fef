import { Injectable } from '@nestjs/common';
import { Principal } from '@app/shared/auth';
import { Page } from '@app/shared/database';
import { BundleCatalog } from '../bundle-catalog';
import { BundlesPolicy } from '../bundles.policy';
import { BundleDefinitionView } from '../dto/bundle-definition.response.dto';
import { BundleView } from '../dto/bundle.response.dto';
import { ListBundlesQuery } from '../dto/list-bundles.query.dto';
import { BundleDefinitionRepository } from '../repositories/bundle-definition.repository';
import { BundleRepository, bundleNotFound } from '../repositories/bundle.repository';

/** The read side of bundles and their definitions. */
@Injectable()
export class BundleQueries {
  constructor(
    private readonly bundles: BundleRepository,
    private readonly definitions: BundleDefinitionRepository,
    private readonly catalog: BundleCatalog,
    private readonly policy: BundlesPolicy,
  ) {}

  async getBundle(user: Principal, bundleNo: string): Promise<BundleView> {
    const b = await this.bundles.find(bundleNo);
    if (!b) throw bundleNotFound(bundleNo);
    const audience = this.policy.audience(user, b);
    const statuses = await this.bundles.caseStatuses(b.members.flatMap((m) => (m.caseNo ? [m.caseNo] : [])));
    return BundleView.from(b, statuses, audience);
  }

  async listBundles(user: Principal, q: ListBundlesQuery): Promise<Page<BundleView>> {
    const scope = this.policy.listScope(user);
    const page = await this.bundles.list(scope, q, (b) => b);
    const statuses = await this.bundles.caseStatuses(
      page.items.flatMap((b) => b.members.flatMap((m) => (m.caseNo ? [m.caseNo] : []))),
    );
    return { ...page, items: page.items.map((b) => BundleView.from(b, statuses, { full: true })) };
  }

  listDefinitions(q: { page: number; pageSize: number }): Promise<Page<BundleDefinitionView>> {
    return this.definitions.list(q, (d) => BundleDefinitionView.from(d));
  }

  async getDefinition(code: string): Promise<BundleDefinitionView> {
    return BundleDefinitionView.from(await this.catalog.definition(code));
  }
}
