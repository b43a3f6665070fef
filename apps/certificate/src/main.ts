import 'reflect-metadata';
import { bootstrapService, exitOnBootError } from '@app/shared/platform';
import { AppModule } from './app.module';
import { CertificateConfig } from './config/certificate.config';
import { configureCertificate } from './configure';

bootstrapService(AppModule, CertificateConfig, {
  service: 'certificate',
  title: 'Certificate service (电子证照)',
  description:
    'Issues GB/T 36904 licences with SM2 signatures, PDF with QR; verification and usage log. Internal: reached through the gateway.',
  kafkaConsumer: true,
  configure: configureCertificate,
}).catch(exitOnBootError);
