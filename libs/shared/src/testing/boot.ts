import { Type } from '@nestjs/common';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { BaseConfig } from '../config/base.config';
import { applyEnvironment, loadConfig } from '../config/load-config';
import { BootstrapOptions, createPlatformApp } from '../platform/bootstrap';
import { KafkaEventServer } from '../kafka/kafka-event.server';
import { waitFor } from './wait-for';

export interface BootedApp {
  app: NestFastifyApplication;
  url: string;
  close: () => Promise<void>;
}

/**
 * Boots one service in-process against the real infrastructure, exactly as main.ts does, on a free port.
 * `env` is applied to the process environment first (config is read from the environment, as in production).
 */
export async function bootServiceApp<T extends BaseConfig>(
  module: Type<unknown>,
  schema: new () => T,
  env: Record<string, string>,
  opts: Pick<BootstrapOptions, 'service' | 'kafkaConsumer' | 'configure' | 'ownOpenApi'>,
): Promise<BootedApp> {
  applyEnvironment({ ...env, PORT: '1', HOST: '127.0.0.1' });
  const config = loadConfig(schema);
  const app = await createPlatformApp(module, { ...opts, title: opts.service, description: 'test' }, config);
  await app.listen(0, '127.0.0.1');
  if (opts.kafkaConsumer) {
    await app.startAllMicroservices();
    const server = app.get(KafkaEventServer);
    await waitFor(() => server.isReady, {
      timeoutMs: 60_000,
      description: `${opts.service} consumer to join its group`,
    });
  }
  const address = app.getHttpServer().address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return { app, url: `http://127.0.0.1:${port}`, close: () => app.close() };
}
