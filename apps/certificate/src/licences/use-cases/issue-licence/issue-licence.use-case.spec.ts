import { Logger } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { TOPICS } from '@app/shared/contracts';
import { OutboxService } from '@app/shared/kafka';
import { CertificateConfig } from '../../../config/certificate.config';
import { generateSm2KeyPair, parseQrToken, sm3Hex, verifyLicenceSignature } from '../../../licence-core';
import { LicenceEntity } from '../../entities/licence.entity';
import { LicenceRepository } from '../../repositories/licence.repository';
import { SigningKeysService } from '../../signing-keys.service';
import { LicenceWorkerPool } from '../../licence-worker-pool';
import { IssueLicenceCommand, IssueLicenceUseCase } from './issue-licence.use-case';
import { licenceIdentifierFor, validToOf } from './licence-terms';

describe('IssueLicenceUseCase', () => {
  const key = generateSm2KeyPair();
  const em = {} as EntityManager;
  let existsForCase: jest.Mock;
  let insert: jest.Mock;
  let add: jest.Mock;
  let useCase: IssueLicenceUseCase;

  const command = (over: Partial<IssueLicenceCommand> = {}): IssueLicenceCommand => ({
    caseNo: '33010020261124000001',
    itemCode: 'ITEM',
    deptCode: '113301000024901620',
    deptName: '杭州市市场监督管理局',
    applicant: {
      userProp: '2',
      name: '杭州测试餐饮有限公司',
      certType: '001',
      certMasked: '91330106MA2H00000X',
      certHash: 'a'.repeat(64),
    },
    licence: {
      typeCode: '111000000000135652001',
      typeName: '食品经营许可证',
      validYears: 5,
      faceFields: { 经营场所: '杭州市西湖区' },
    },
    // 17:00 UTC is already the next day in Shanghai.
    approvedAt: new Date('2026-11-24T17:00:00Z'),
    ...over,
  });

  beforeEach(() => {
    jest.spyOn(Logger.prototype, 'log').mockImplementation(() => undefined);
    existsForCase = jest.fn().mockResolvedValue(false);
    insert = jest.fn((_em: EntityManager, l: Partial<LicenceEntity>) => Promise.resolve(l as LicenceEntity));
    add = jest.fn().mockResolvedValue(undefined);
    const config = Object.assign(new CertificateConfig(), {
      PUBLIC_BASE_URL: 'https://gov.example.cn/',
      FONT_PATH: '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc',
      SIGNING_PRIVATE_KEY: key.privateKeyHex,
      LICENCE_WORKERS: 0, // on this thread: the worker pool itself is covered by the integration tests
    });
    useCase = new IssueLicenceUseCase(
      { existsForCase, insert } as unknown as LicenceRepository,
      { add } as unknown as OutboxService,
      { activeKid: 'k1', privateKeyHex: key.privateKeyHex } as unknown as SigningKeysService,
      config,
      new LicenceWorkerPool(config),
    );
  });
  afterEach(() => jest.restoreAllMocks());

  it('issues nothing for an approval without a licence', async () => {
    expect(await useCase.execute(em, command({ licence: null }))).toBeNull();
    expect(existsForCase).not.toHaveBeenCalled();
    expect(insert).not.toHaveBeenCalled();
  });

  it('issues nothing when the case already has its licence', async () => {
    existsForCase.mockResolvedValue(true);
    expect(await useCase.execute(em, command())).toBeNull();
    expect(existsForCase).toHaveBeenCalledWith(em, {
      caseNo: '33010020261124000001',
      itemCode: 'ITEM',
      version: '001',
    });
    expect(insert).not.toHaveBeenCalled();
    expect(add).not.toHaveBeenCalled();
  });

  it('signs the licence (file hash included), stores it and writes licence.issued in the same transaction', async () => {
    const l = await useCase.execute(em, command());
    expect(l).not.toBeNull();
    const { identifier } = licenceIdentifierFor(command(), '111000000000135652001');
    expect(l).toMatchObject({
      licenceId: identifier,
      issueDate: '2026-11-25',
      validFrom: '2026-11-25',
      validTo: '2031-11-24',
      kid: 'k1',
      status: 'ISSUED',
      holderUserProp: '2',
    });
    expect(l!.file.subarray(0, 5).toString()).toBe('%PDF-');
    expect(l!.fileSm3).toBe(sm3Hex(l!.file));
    const signed = l!.signedData as unknown as Parameters<typeof verifyLicenceSignature>[0];
    expect(signed).toMatchObject({ identifier, fileSm3: l!.fileSm3, issueDate: '2026-11-25' });
    expect(verifyLicenceSignature(signed, l!.signature, key.publicKeyHex).valid).toBe(true);
    expect(parseQrToken(l!.qrToken)).toMatchObject({ i: identifier, v: '001', k: 'k1' });
    expect(insert).toHaveBeenCalledWith(em, expect.anything());
    expect(add).toHaveBeenCalledWith(
      em,
      TOPICS.LICENCE_ISSUED,
      identifier,
      expect.objectContaining({
        licenceId: identifier,
        version: '001',
        validTo: '2031-11-24',
        verifyUrl: `https://gov.example.cn/api/v1/verify/${l!.qrToken}`,
      }),
    );
  });

  it('computes validity as the day before the anniversary, none without years', () => {
    expect(validToOf('2026-11-24', 5)).toBe('2031-11-23');
    expect(validToOf('2028-02-29', 1)).toBe('2029-02-28');
    expect(validToOf('2026-11-24', null)).toBeNull();
  });
});
