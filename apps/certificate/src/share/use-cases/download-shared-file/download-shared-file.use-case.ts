import { Injectable } from '@nestjs/common';
import { DomainError } from '@app/shared/errors';
import { shanghaiDate } from '@app/shared/time';
import { CertificateConfig } from '../../../config/certificate.config';
import { renderLicencePdf } from '../../../licence-core';
import { LicenceEntity } from '../../../licences/entities/licence.entity';
import { LicenceRepository } from '../../../licences/repositories/licence.repository';
import { LicenceUsageRepository } from '../../../licences/repositories/licence-usage.repository';
import { holderCodeLabel } from '../../../licences/use-cases/issue-licence/licence-terms';
import { ShareDownloadLinkEntity } from '../../entities/share-download-link.entity';
import { ShareDownloadLinkRepository } from '../../repositories/share-download-link.repository';

export interface SharedFile {
  licenceId: string;
  file: Buffer;
}

/** The lines stamped across a shared copy: the stated use, who took it and when. */
export function watermarkOf(
  link: Pick<ShareDownloadLinkEntity, 'useCause' | 'accessId'>,
  at: Date,
): string[] {
  return [`仅供${link.useCause}使用`, `共享复制件 ${link.accessId} ${shanghaiDate(at)}`];
}

/**
 * The file behind a download link, once: the link is claimed (unused and unexpired, atomically), the
 * licence face is rendered again with the stated use as a watermark, and the download is logged under
 * the partner. A watermarked copy is not the signed original (its SM3 differs); the original stays
 * verifiable through its QR code and identifier. An unknown, used or expired link is 404.
 */
@Injectable()
export class DownloadSharedFileUseCase {
  constructor(
    private readonly links: ShareDownloadLinkRepository,
    private readonly licences: LicenceRepository,
    private readonly usage: LicenceUsageRepository,
    private readonly config: CertificateConfig,
  ) {}

  async execute(id: string): Promise<SharedFile> {
    const link = await this.links.claim(id);
    if (!link) {
      throw new DomainError(
        'NOT_FOUND',
        '下载链接不存在、已使用或已过期 / The download link is unknown, used or expired',
      );
    }
    let file: Buffer;
    try {
      const l = await this.licences.getById(link.licenceId);
      file = await this.render(l, watermarkOf(link, new Date()));
    } catch (e) {
      await this.links.release(id);
      throw e;
    }
    await this.usage.record({
      licenceId: link.licenceId,
      action: 'DOWNLOAD',
      requester: { sub: `share:${link.accessId}`, dept: link.deptCode },
      purpose: link.useCause,
      result: 'OK',
    });
    return { licenceId: link.licenceId, file };
  }

  private render(l: LicenceEntity, watermark: string[]): Promise<Buffer> {
    const verifyUrl = `${this.config.PUBLIC_BASE_URL.replace(/\/$/, '')}/api/v1/verify/${l.qrToken}`;
    return renderLicencePdf(
      {
        identifier: l.licenceId,
        licenceName: l.typeName,
        holderName: l.holderName,
        holderCodeLabel: holderCodeLabel(l.holderCertType),
        holderCode: l.holderCertMasked,
        issuerName: l.issuerName,
        issueDate: l.issueDate,
        validFrom: l.validFrom,
        validTo: l.validTo,
        faceFields: Object.entries(l.faceFields).map(([label, value]) => ({ label, value })),
        qrText: verifyUrl,
        verifyUrl,
      },
      { fontPath: this.config.FONT_PATH, watermark },
    );
  }
}
