import { Module } from '@nestjs/common';
import { PlatformModule } from '@app/shared/platform';
import { GatewayConfig } from './config/gateway.config';
import { UpstreamClient } from './proxy/upstream.client';
import { RedisModule } from './redis/redis.module';
import { ApplicationsRoutes } from './routes/applications.routes';
import { ApprovalsRoutes } from './routes/approvals.routes';
import { CatalogRoutes } from './routes/catalog.routes';
import { LicencesRoutes } from './routes/licences.routes';
import { ReviewsRoutes } from './routes/reviews.routes';

@Module({
  imports: [PlatformModule.forRoot({ service: 'gateway', config: GatewayConfig }), RedisModule],
  controllers: [CatalogRoutes, ApplicationsRoutes, ApprovalsRoutes, LicencesRoutes, ReviewsRoutes],
  providers: [UpstreamClient],
})
export class AppModule {}
