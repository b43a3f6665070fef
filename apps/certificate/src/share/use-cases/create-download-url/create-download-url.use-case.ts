import { Injectable } from '@nestjs/common';
import { CertificateConfig } from '../../../config/certificate.config';
import { ShareDownloadLinkRepository } from '../../repositories/share-download-link.repository';
import { ShareCaller, ShareGate } from '../../share-gate';
import { optionalText, ShareData, useCauseOf } from '../../share-input';
import { newLinkId } from '../../share-secrets';
import { QueryCertInfoUseCase } from '../query-cert-info/query-cert-info.use-case';

export interface DownloadUrlData {
  /** The scheme of the link, as the provincial interface answers it. */
  contentType: string;
  certIdentifier: string;
  /** The temporary link: GET, no token; single use; expires at linkExpiryTime. */
  content: string;
  linkExpiryTime: string;
}

/** The public path of a download link (under the gateway's /api/v1). */
export const downloadPath = (id: string): string => `/api/v1/share/download/${id}`;

/**
 * downloadUrl: an expiring (SHARE_DOWNLOAD_TTL_SECONDS), single-use link to the licence PDF watermarked
 * with the stated use. The link is random and stored with who asked and why.
 */
@Injectable()
export class CreateDownloadUrlUseCase {
  constructor(
    private readonly query: QueryCertInfoUseCase,
    private readonly links: ShareDownloadLinkRepository,
    private readonly gate: ShareGate,
    private readonly config: CertificateConfig,
  ) {}

  async execute(caller: ShareCaller, data: ShareData): Promise<DownloadUrlData> {
    const useCause = useCauseOf(data);
    optionalText(data, 'expiryTime', 40); // 加注件有效期截止时间: accepted (checked), not yet kept
    const l = await this.query.licenceFor(caller, data, 'DOWNLOAD_URL', useCause);
    await this.gate.use(caller, l, 'DOWNLOAD_URL', useCause);
    const id = newLinkId();
    const expiresAt = new Date(Date.now() + this.config.SHARE_DOWNLOAD_TTL_SECONDS * 1000);
    await this.links.add({
      id,
      licenceId: l.licenceId,
      accessId: caller.client.accessId,
      deptCode: caller.client.deptCode,
      useCause,
      expiresAt,
    });
    const base = this.config.PUBLIC_BASE_URL.replace(/\/$/, '');
    return {
      contentType: new URL(base).protocol.replace(':', ''),
      certIdentifier: l.licenceId,
      content: `${base}${downloadPath(id)}`,
      linkExpiryTime: expiresAt.toISOString(),
    };
  }
}
