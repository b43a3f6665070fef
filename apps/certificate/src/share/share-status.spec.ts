import { SHARE_MESSAGES, SHARE_STATUS, ShareError, shareFailure, shareOk } from './share-status';

describe('证照共享 envelope and status codes', () => {
  it('uses the provincial interface codes', () => {
    expect(SHARE_STATUS).toEqual({
      OK: 0,
      NOT_FOUND: 10,
      UNAUTHENTICATED: 11,
      PARAMETER_ERROR: 12,
      FORBIDDEN: 100,
      HOLDER_TYPE_INVALID: 103,
      OTHER: 99,
    });
    expect(SHARE_MESSAGES[0]).toBe('接口调用成功');
    expect(SHARE_MESSAGES[11]).toBe('身份验证不通过');
    expect(SHARE_MESSAGES[100]).toBe('该用户无访问该证的权限');
    expect(SHARE_MESSAGES[103]).toBe('持证主体代码类型代码不符合规范');
    expect(SHARE_MESSAGES[99]).toBe('其他异常');
  });

  it('wraps data in {head: {status: 0}, data}', () => {
    expect(shareOk({ cert_identifier: 'x' })).toEqual({
      head: { status: 0, message: '接口调用成功' },
      data: { cert_identifier: 'x' },
    });
  });

  it('maps a ShareError to its status with the standard or a specific message, and data null', () => {
    expect(shareFailure(new ShareError(11))).toEqual({
      head: { status: 11, message: '身份验证不通过' },
      data: null,
    });
    expect(shareFailure(new ShareError(12, 'useCause 不超过200字'))).toEqual({
      head: { status: 12, message: 'useCause 不超过200字' },
      data: null,
    });
    expect(shareFailure(new ShareError(103)).head.status).toBe(103);
    expect(shareFailure(new ShareError(100)).head.status).toBe(100);
    expect(shareFailure(new ShareError(10)).head.status).toBe(10);
  });

  it('maps any other error to 99 without its message', () => {
    const r = shareFailure(new Error('connection terminated: secret detail'));
    expect(r).toEqual({ head: { status: 99, message: '其他异常' }, data: null });
    expect(shareFailure('thrown string').head.status).toBe(99);
  });
});
