import {
  checkTarget,
  checkTargetUrl,
  classifyAddress,
  parsePrivateAllowance,
  resolveAllowed,
} from './target-guard';

const STRICT = { allowHttp: false, allowPrivate: false };
const LOCAL = { allowHttp: true, allowPrivate: true };

describe('SSRF rules of webhook targets', () => {
  it.each([
    ['10.1.2.3', 'private'],
    ['172.16.0.1', 'private'],
    ['172.31.255.255', 'private'],
    ['192.168.1.1', 'private'],
    ['100.64.0.1', 'private'],
    ['fc00::1', 'private'],
    ['fd12:3456::1', 'private'],
    ['127.0.0.1', 'loopback'],
    ['127.9.9.9', 'loopback'],
    ['::1', 'loopback'],
    ['169.254.1.1', 'link-local'],
    ['fe80::1', 'link-local'],
    ['0.0.0.0', 'unspecified'],
    ['::', 'unspecified'],
    ['169.254.169.254', 'metadata'],
    ['100.100.100.200', 'metadata'],
    ['fd00:ec2::254', 'metadata'],
    ['::ffff:127.0.0.1', 'loopback'],
    ['::ffff:7f00:1', 'loopback'],
    ['::ffff:a9fe:a9fe', 'metadata'],
    ['64:ff9b::10.0.0.1', 'private'],
    ['2002:c0a8:0101::1', 'private'],
    ['224.0.0.1', 'reserved'],
    ['255.255.255.255', 'reserved'],
    ['not-an-ip', 'reserved'],
    ['172.32.0.1', 'public'],
    ['8.8.8.8', 'public'],
    ['2606:4700:4700::1111', 'public'],
  ])('%s is %s', (ip, cls) => {
    expect(classifyAddress(ip)).toBe(cls);
  });

  it('accepts https only, unless http is allowed, and never credentials or fragments', () => {
    expect(checkTargetUrl('https://partner.example/hook?x=1', STRICT).hostname).toBe('partner.example');
    const code = (raw: string, p = STRICT) => {
      try {
        checkTargetUrl(raw, p);
        return 'ok';
      } catch (e) {
        return (e as { code: string }).code;
      }
    };
    expect(code('http://partner.example/hook')).toBe('WEBHOOK_TARGET_NOT_HTTPS');
    expect(code('http://partner.example/hook', LOCAL)).toBe('ok');
    expect(code('ftp://partner.example/')).toBe('WEBHOOK_TARGET_INVALID');
    expect(code('https://user:pw@partner.example/')).toBe('WEBHOOK_TARGET_INVALID');
    expect(code('https://partner.example/#frag')).toBe('WEBHOOK_TARGET_INVALID');
    expect(code('not a url')).toBe('WEBHOOK_TARGET_INVALID');
  });

  it('refuses literal and resolved private, loopback and metadata targets by default', async () => {
    const code = async (raw: string, p = STRICT) =>
      checkTarget(raw, p).then(
        () => 'ok',
        (e: { code: string; details?: { addressClass?: string } }) => `${e.code}:${e.details?.addressClass}`,
      );
    await expect(code('https://127.0.0.1/')).resolves.toBe('WEBHOOK_TARGET_FORBIDDEN:loopback');
    await expect(code('https://[::1]:8443/')).resolves.toBe('WEBHOOK_TARGET_FORBIDDEN:loopback');
    await expect(code('https://2130706433/')).resolves.toBe('WEBHOOK_TARGET_FORBIDDEN:loopback');
    await expect(code('https://0x7f.1/')).resolves.toBe('WEBHOOK_TARGET_FORBIDDEN:loopback');
    await expect(code('https://10.0.0.5/')).resolves.toBe('WEBHOOK_TARGET_FORBIDDEN:private');
    await expect(code('https://169.254.169.254/latest')).resolves.toBe('WEBHOOK_TARGET_FORBIDDEN:metadata');
    await expect(code('https://localhost/')).resolves.toBe('WEBHOOK_TARGET_FORBIDDEN:loopback');
    await expect(code('https://metadata.google.internal/')).resolves.toBe(
      'WEBHOOK_TARGET_FORBIDDEN:metadata',
    );
    await expect(code('https://0.0.0.0/')).resolves.toBe('WEBHOOK_TARGET_FORBIDDEN:unspecified');
  });

  it('allows loopback and private only with the explicit allowance, and metadata never', async () => {
    await expect(resolveAllowed('127.0.0.1', LOCAL)).resolves.toEqual([{ address: '127.0.0.1', family: 4 }]);
    await expect(resolveAllowed('localhost', LOCAL)).resolves.not.toHaveLength(0);
    await expect(resolveAllowed('169.254.169.254', LOCAL)).rejects.toMatchObject({
      code: 'WEBHOOK_TARGET_FORBIDDEN',
    });
    await expect(resolveAllowed('0.0.0.0', LOCAL)).rejects.toMatchObject({
      code: 'WEBHOOK_TARGET_FORBIDDEN',
    });
  });

  it('refuses a name that does not resolve', async () => {
    await expect(resolveAllowed('no-such-host.invalid', STRICT)).rejects.toMatchObject({
      code: 'WEBHOOK_TARGET_UNRESOLVABLE',
      status: 400,
    });
  });
});

describe('private-target allowance', () => {
  it('allows only the listed networks', async () => {
    const policy = { allowHttp: true, allowPrivate: parsePrivateAllowance('127.0.0.0/8,::1/128') };
    await expect(resolveAllowed('127.0.0.1', policy)).resolves.toHaveLength(1);
    await expect(resolveAllowed('::1', policy)).resolves.toHaveLength(1);
    await expect(resolveAllowed('10.0.0.5', policy)).rejects.toMatchObject({
      code: 'WEBHOOK_TARGET_FORBIDDEN',
    });
    await expect(resolveAllowed('169.254.169.254', policy)).rejects.toMatchObject({
      code: 'WEBHOOK_TARGET_FORBIDDEN',
    });
    expect(parsePrivateAllowance('false')).toBe(false);
    expect(parsePrivateAllowance('true')).toBe(true);
    expect(() => parsePrivateAllowance('nope')).toThrow();
  });
});
