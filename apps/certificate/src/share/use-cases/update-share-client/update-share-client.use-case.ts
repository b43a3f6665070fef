import { Injectable, Logger } from '@nestjs/common';
import { Principal } from '@app/shared/auth';
import { ShareClientView, toShareClientView, UpdateShareClientRequestDto } from '../../dto/share-client.dto';
import { ShareClientRepository } from '../../repositories/share-client.repository';

/** Changes a client's name, department name, licence types or operations (effective on its next call). */
@Injectable()
export class UpdateShareClientUseCase {
  private readonly logger = new Logger(UpdateShareClientUseCase.name);

  constructor(private readonly clients: ShareClientRepository) {}

  async execute(
    admin: Principal,
    accessId: string,
    dto: UpdateShareClientRequestDto,
  ): Promise<ShareClientView> {
    await this.clients.getById(accessId);
    const patch = {
      ...(dto.name !== undefined ? { name: dto.name } : {}),
      ...(dto.deptName !== undefined ? { deptName: dto.deptName } : {}),
      ...(dto.certTypeCodes !== undefined ? { certTypeCodes: dto.certTypeCodes } : {}),
      ...(dto.operations !== undefined ? { operations: dto.operations } : {}),
    };
    const client = await this.clients.update(accessId, patch);
    this.logger.log({ accessId, by: admin.sub, fields: Object.keys(patch) }, 'share client updated');
    return toShareClientView(client);
  }
}
