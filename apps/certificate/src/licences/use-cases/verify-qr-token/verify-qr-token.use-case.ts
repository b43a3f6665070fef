import { Injectable } from '@nestjs/common';
import { parseQrToken, QrTokenPayload, verifyQrToken } from '../../../licence-core';
import { LICENCE_ID_PATTERN } from '../../dto/licence-id.param.dto';
import { VerificationResult } from '../../dto/verification.response.dto';
import { LicenceRepository } from '../../repositories/licence.repository';
import { LicenceUsageRepository, PUBLIC_REQUESTER } from '../../repositories/licence-usage.repository';
import { SigningKeysService } from '../../signing-keys.service';
import { LicenceVerifier, verdict } from '../../verification/licence-verifier';

const KID_PATTERN = /^[A-Za-z0-9._-]{1,40}$/;
const VERSION_PATTERN = /^\d{3}$/;

/** A payload whose fields could never have been issued is malformed, before any key or row is looked up. */
const wellFormed = (p: QrTokenPayload): boolean =>
  LICENCE_ID_PATTERN.test(p.i) && VERSION_PATTERN.test(p.v) && KID_PATTERN.test(p.k) && Number.isFinite(p.t);

/** Public QR verification: token signature, then the licence record, status, version and expiry. */
@Injectable()
export class VerifyQrTokenUseCase {
  constructor(
    private readonly keys: SigningKeysService,
    private readonly licences: LicenceRepository,
    private readonly usage: LicenceUsageRepository,
    private readonly verifier: LicenceVerifier,
  ) {}

  async execute(token: string): Promise<VerificationResult> {
    const parsed = parseQrToken(token);
    if (!parsed || !wellFormed(parsed)) return verdict('MALFORMED');
    const pub = await this.keys.publicKey(parsed.k);
    if (!pub) return verdict('UNKNOWN_KEY');
    const t = verifyQrToken(token, () => pub);
    if (!t.valid) return verdict(t.reason ?? 'MALFORMED');
    const l = await this.licences.findById(parsed.i);
    if (!l) return verdict('NOT_FOUND');
    const c = await this.verifier.checkRecord(l, 'VERIFY_QR', { identifier: parsed.i });
    const reason = c.reason ?? (c.signed && c.signed.version !== parsed.v ? 'SUPERSEDED' : null);
    this.usage.recordPublic({
      licenceId: l.licenceId,
      action: 'VERIFY_QR',
      requester: PUBLIC_REQUESTER,
      purpose: '扫码核验',
      result: reason ?? 'VALID',
    });
    return verdict(reason, c.signed);
  }
}
