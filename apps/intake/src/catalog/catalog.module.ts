import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CatalogAdminController } from './catalog-admin.controller';
import { CatalogController } from './catalog.controller';
import { CatalogService } from './catalog.service';
import { CatalogAuditEntity } from './entities/catalog-audit.entity';
import { ServiceItemEntity } from './entities/service-item.entity';
import { ServiceItemRepository } from './repositories/service-item.repository';
import { CreateItemVersionUseCase } from './use-cases/create-item-version/create-item-version.use-case';
import { CreateItemUseCase } from './use-cases/create-item/create-item.use-case';
import { PublishItemUseCase } from './use-cases/publish-item/publish-item.use-case';
import { UpdateItemUseCase } from './use-cases/update-item/update-item.use-case';

@Module({
  imports: [TypeOrmModule.forFeature([ServiceItemEntity, CatalogAuditEntity])],
  controllers: [CatalogController, CatalogAdminController],
  providers: [
    CatalogService,
    ServiceItemRepository,
    CreateItemUseCase,
    UpdateItemUseCase,
    CreateItemVersionUseCase,
    PublishItemUseCase,
  ],
  exports: [CatalogService],
})
export class CatalogModule {}
