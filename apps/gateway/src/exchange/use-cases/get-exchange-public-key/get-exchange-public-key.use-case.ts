import { Injectable } from '@nestjs/common';
import { DomainError } from '@app/shared/errors';
import { ExchangePublicKeyView } from '../../dto/exchange-public-key.response.dto';
import { SM2_USER_ID } from '../../envelope/sm2-envelope';
import { sm2KeyId, sm2PublicKeyPem } from '../../envelope/sm2-public-key';
import { ExchangeSettings } from '../../exchange-settings';

/**
 * Our exchange signing key, published so the province (or anyone holding a record we sent) can verify
 * our SM2 signatures. Public data only; 404 NOT_FOUND while no EXCHANGE_SM2_PRIVATE_KEY is configured.
 */
@Injectable()
export class GetExchangePublicKeyUseCase {
  private view?: ExchangePublicKeyView;

  constructor(private readonly settings: ExchangeSettings) {}

  execute(): ExchangePublicKeyView {
    const hex = this.settings.publicKeyHex;
    if (!hex) throw new DomainError('NOT_FOUND', 'no exchange signing key is configured');
    this.view ??= {
      kid: sm2KeyId(hex),
      algorithm: 'SM2-SM3',
      curve: 'SM2 (GM/T 0003, OID 1.2.156.10197.1.301)',
      userId: SM2_USER_ID,
      publicKeyHex: hex,
      publicKeyPem: sm2PublicKeyPem(hex),
      appMark: this.settings.config.EXCHANGE_APP_MARK ?? null,
      signsParams: this.settings.config.EXCHANGE_SIGN_PARAMS,
    };
    return this.view;
  }
}
