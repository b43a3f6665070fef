import { Injectable } from '@nestjs/common';
import { CertificateConfig } from '../../../config/certificate.config';
import { ShareDownloadLinkRepository } from '../../repositories/share-download-link.repository';
import { ShareCaller, ShareGate } from '../../share-gate';
import { optionalText, ShareData, useCauseOf } from '../../share-input';
import { SHARE_STATUS, ShareError } from '../../share-status';
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

/** `yyyy-MM-dd HH:mm:ss` (Asia/Shanghai, the provincial interfaces' time format) or ISO 8601 with a zone. */
const LOCAL_TIME_RE = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/;
const ISO_ZONED_RE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;

/** An instant of expiryTime, or undefined when it is not a real time in one of the two forms. */
export function parseExpiryTime(v: string): Date | undefined {
  const m = LOCAL_TIME_RE.exec(v);
  const iso = m ? `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}+08:00` : ISO_ZONED_RE.test(v) ? v : null;
  if (!iso) return undefined;
  const t = new Date(iso);
  // Date rolls 2026-02-30 over into March: a day or hour that does not exist is malformed.
  if (Number.isNaN(t.getTime())) return undefined;
  if (m) {
    const back = new Date(t.getTime() + 8 * 3_600_000).toISOString().slice(0, 19).replace('T', ' ');
    if (back !== v) return undefined;
  }
  return t;
}

/**
 * When a link expires: at the configured lifetime (SHARE_DOWNLOAD_TTL_SECONDS, also the maximum), or
 * earlier at the caller's expiryTime (加注件有效期截止时间). A malformed or past expiryTime is status 12.
 */
export function linkExpiry(expiryTime: string | undefined, ttlSeconds: number, now: Date): Date {
  const max = new Date(now.getTime() + ttlSeconds * 1000);
  if (expiryTime === undefined) return max;
  const at = parseExpiryTime(expiryTime);
  if (!at) {
    throw new ShareError(
      SHARE_STATUS.PARAMETER_ERROR,
      'expiryTime 须为 yyyy-MM-dd HH:mm:ss 或带时区的 ISO 8601 时间',
    );
  }
  if (at.getTime() <= now.getTime()) throw new ShareError(SHARE_STATUS.PARAMETER_ERROR, 'expiryTime 已过期');
  return at < max ? at : max;
}

/** The public path of a download link (under the gateway's /api/v1). */
export const downloadPath = (id: string): string => `/api/v1/share/download/${id}`;

/**
 * downloadUrl: an expiring (SHARE_DOWNLOAD_TTL_SECONDS, or the caller's earlier expiryTime), single-use
 * link to the licence PDF watermarked with the stated use. The link is random and stored with who asked
 * and why.
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
    // 加注件有效期截止时间: the link ends then, never later than the configured lifetime.
    const expiryTime = optionalText(data, 'expiryTime', 40);
    const expiresAt = linkExpiry(expiryTime, this.config.SHARE_DOWNLOAD_TTL_SECONDS, new Date());
    const l = await this.query.licenceFor(caller, data, 'DOWNLOAD_URL', useCause);
    await this.gate.use(caller, l, 'DOWNLOAD_URL', useCause);
    const id = newLinkId();
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
