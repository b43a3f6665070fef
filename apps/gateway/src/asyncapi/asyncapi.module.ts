import { Module } from '@nestjs/common';
import { AsyncApiController } from './asyncapi.controller';
import { AsyncApiDocsService } from './asyncapi-docs.service';

/** 事件目录: the AsyncAPI document of the event contracts, served by the gateway itself. */
@Module({
  controllers: [AsyncApiController],
  providers: [AsyncApiDocsService],
})
export class AsyncApiModule {}
