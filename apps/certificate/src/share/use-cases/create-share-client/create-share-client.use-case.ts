import { Injectable, Logger } from '@nestjs/common';
import { Principal } from '@app/shared/auth';
import { DomainError } from '@app/shared/errors';
import { isValidUscc } from '@app/shared/identifiers';
import {
  CreateShareClientRequestDto,
  ShareClientSecretView,
  toShareClientView,
} from '../../dto/share-client.dto';
import { ShareClientRepository } from '../../repositories/share-client.repository';
import { hashSecret, newSecret } from '../../share-secrets';

/** Registers a partner client; its secret is answered once and stored hashed. */
@Injectable()
export class CreateShareClientUseCase {
  private readonly logger = new Logger(CreateShareClientUseCase.name);

  constructor(private readonly clients: ShareClientRepository) {}

  async execute(admin: Principal, dto: CreateShareClientRequestDto): Promise<ShareClientSecretView> {
    if (!isValidUscc(dto.deptCode)) {
      throw new DomainError('VALIDATION_FAILED', undefined, [
        { field: 'deptCode', problems: ['deptCode must be a valid 统一社会信用代码 (check digit)'] },
      ]);
    }
    const accessSecret = newSecret();
    const client = await this.clients.insert({
      accessId: dto.accessId,
      secretHash: hashSecret(accessSecret),
      name: dto.name,
      deptCode: dto.deptCode,
      deptName: dto.deptName,
      certTypeCodes: dto.certTypeCodes,
      operations: dto.operations,
      enabled: true,
      createdBy: admin.sub.slice(0, 100),
    });
    this.logger.log({ accessId: client.accessId, by: admin.sub }, 'share client registered');
    return { ...toShareClientView(client), accessSecret };
  }
}
