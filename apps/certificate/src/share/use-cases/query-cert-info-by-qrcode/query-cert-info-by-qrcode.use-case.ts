import { Injectable } from '@nestjs/common';
import { parseQrToken, verifyQrToken } from '../../../licence-core';
import { LicenceRepository } from '../../../licences/repositories/licence.repository';
import { SigningKeysService } from '../../../licences/signing-keys.service';
import { certDataOf } from '../../cert-data';
import { ShareCaller, ShareGate } from '../../share-gate';
import { requiredText, ShareData, useCauseOf } from '../../share-input';
import { QueryCertInfoData } from '../query-cert-info/query-cert-info.use-case';

/** The QR content of our licences is the verification URL `…/verify/<token>`; the bare token is taken too. */
export function qrTokenOf(qrcode: string): string {
  const at = qrcode.lastIndexOf('/verify/');
  const token = at >= 0 ? qrcode.slice(at + '/verify/'.length) : qrcode;
  return token.split(/[?#]/)[0];
}

/**
 * The licence behind a scanned QR code (qrcode): the token's SM2 signature is checked with the key it
 * names before the licence is looked up; a code that is not ours or was altered matches nothing (10).
 */
@Injectable()
export class QueryCertInfoByQrcodeUseCase {
  constructor(
    private readonly licences: LicenceRepository,
    private readonly keys: SigningKeysService,
    private readonly gate: ShareGate,
  ) {}

  async execute(caller: ShareCaller, data: ShareData): Promise<QueryCertInfoData> {
    const useCause = useCauseOf(data);
    const token = qrTokenOf(requiredText(data, 'qrcode', 1000));
    const parsed = parseQrToken(token);
    const pub = parsed ? await this.keys.publicKey(parsed.k) : undefined;
    const valid = pub !== undefined && verifyQrToken(token, () => pub).valid;
    const l = valid && parsed ? await this.licences.findById(parsed.i) : null;
    if (!l) return this.gate.notFound(caller, 'QUERY', useCause);
    await this.gate.use(caller, l, 'QUERY', useCause);
    return { cert_identifier: l.licenceId, certData: certDataOf(l) };
  }
}
