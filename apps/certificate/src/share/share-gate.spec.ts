import { Logger } from '@nestjs/common';
import { ShareClientEntity } from './entities/share-client.entity';
import { ShareGate } from './share-gate';
import { ShareError } from './share-status';
import type { LicenceUsageRepository } from '../licences/repositories/licence-usage.repository';
import type { ShareTokenRepository } from './repositories/share-token.repository';

const client = {
  accessId: 'c1',
  deptCode: '91330106MA2H00000X',
  operations: ['queryCertInfo'],
  certTypeCodes: ['T'],
};

function gateWith(found: Partial<ShareClientEntity> | null) {
  // found by token; no client has this string as its secret
  const tokens = {
    clientOf: jest.fn().mockResolvedValue(found),
    clientBySecret: jest.fn().mockResolvedValue(null),
  } as unknown as ShareTokenRepository;
  const usage = { record: jest.fn().mockResolvedValue(undefined) } as unknown as LicenceUsageRepository;
  return { gate: new ShareGate(tokens, usage), tokens, usage };
}

describe('ShareGate: authentication and the envelope', () => {
  const body = { accessId: 'c1', accessToken: 'tok', data: { useCause: 'x' } };

  it('answers 0 with the use case result for an authenticated client granted the operation', async () => {
    const { gate } = gateWith(client);
    const fn = jest.fn().mockResolvedValue({ cert_identifier: 'L' });
    expect(await gate.run('queryCertInfo', body, fn)).toEqual({
      head: { status: 0, message: '接口调用成功' },
      data: { cert_identifier: 'L' },
    });
    expect(fn).toHaveBeenCalledWith(
      expect.objectContaining({ requester: { sub: 'share:c1', dept: client.deptCode } }),
      body.data,
    );
  });

  it('answers 11 without credentials or with an unknown/expired token, and never calls the use case', async () => {
    const fn = jest.fn();
    expect((await gateWith(client).gate.run('queryCertInfo', { data: {} }, fn)).head.status).toBe(11);
    expect((await gateWith(null).gate.run('queryCertInfo', body, fn)).head.status).toBe(11);
    expect(fn).not.toHaveBeenCalled();
  });

  it('takes the credentials from head too', async () => {
    const { gate, tokens } = gateWith(client);
    const r = await gate.run('queryCertInfo', { head: { accessId: 'c1', accessToken: 'tok' } }, () =>
      Promise.resolve(1),
    );
    expect(r.head.status).toBe(0);
    expect(tokens.clientOf).toHaveBeenCalledWith('c1', expect.stringMatching(/^[0-9a-f]{64}$/));
  });

  it('answers 100 to an operation the client was not granted', async () => {
    const r = await gateWith(client).gate.run('verifyFile', body, () => Promise.resolve(1));
    expect(r.head.status).toBe(100);
  });

  it('passes a ShareError through and turns anything else into 99', async () => {
    const logged = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    const { gate } = gateWith(client);
    expect(
      (await gate.run('queryCertInfo', body, () => Promise.reject(new ShareError(103)))).head.status,
    ).toBe(103);
    const r = await gate.run('queryCertInfo', body, () => Promise.reject(new Error('db down')));
    expect(r).toEqual({ head: { status: 99, message: '其他异常' }, data: null });
    expect(logged).toHaveBeenCalledTimes(1); // the cause is logged, never sent
    logged.mockRestore();
  });

  it('logs and refuses a licence type the client was not granted', async () => {
    const { gate, usage } = gateWith(client);
    const caller = {
      client: client as ShareClientEntity,
      requester: { sub: 'share:c1', dept: client.deptCode },
    };
    await expect(
      gate.assertMaySee(caller, 'OTHER', { licenceId: 'L', action: 'QUERY', purpose: 'p' }),
    ).rejects.toMatchObject({ status: 100 });
    expect(usage.record).toHaveBeenCalledWith(
      expect.objectContaining({ licenceId: 'L', result: 'FORBIDDEN' }),
    );
    await expect(
      gate.assertMaySee(caller, 'T', { licenceId: 'L', action: 'QUERY', purpose: 'p' }),
    ).resolves.toBeUndefined();
  });
});
