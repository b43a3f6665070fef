import { Controller, Get, Header } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Public } from '../auth/decorators';
import { metricsRegistry } from '../metrics/metrics';

/**
 * Prometheus metrics in the text format. Public on the service's own port for the cluster's scraper; the
 * gateway never forwards /metrics (it is no public prefix), and the NetworkPolicy keeps it internal.
 */
@ApiExcludeController()
@Controller('metrics')
export class MetricsController {
  @Public()
  @Get()
  @Header('content-type', 'text/plain; version=0.0.4; charset=utf-8')
  @Header('cache-control', 'no-store')
  scrape(): Promise<string> {
    return metricsRegistry.metrics();
  }
}
