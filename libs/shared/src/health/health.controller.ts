import { Controller, Get, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Public } from '../auth/decorators';
import { HealthRegistry } from './health.registry';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(private readonly registry: HealthRegistry) {}

  @Public()
  @Get('live')
  @ApiOperation({ summary: 'Liveness: the process answers (no dependencies checked). Public.' })
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  @Public()
  @Get('ready')
  @ApiOperation({
    summary:
      'Readiness: database, Redis and Kafka as used by this app. 503 when any is down or the process is draining. Public.',
  })
  async ready(@Res() reply: FastifyReply): Promise<void> {
    if (this.registry.draining) {
      await reply.status(503).send({ status: 'draining', checks: {} });
      return;
    }
    const result = await this.registry.run();
    await reply
      .status(result.ok ? 200 : 503)
      .send({ status: result.ok ? 'ok' : 'unavailable', checks: result.checks });
  }
}
