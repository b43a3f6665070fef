import { connectionOf, pgSocketDir } from './pg-socket';

describe('pgSocketDir / connectionOf', () => {
  it('reads libpq’s socket directory from the URL', () => {
    const url = 'postgres://postgres@/gov_intake?host=/var/run/postgresql';
    expect(pgSocketDir(url)).toBe('/var/run/postgresql');
    expect(connectionOf(url)).toEqual({ url, extra: { host: '/var/run/postgresql' } });
  });

  it('leaves a TCP URL as it is (a host that is not a path is not a socket)', () => {
    expect(pgSocketDir('postgres://postgres@127.0.0.1:5432/gov_intake')).toBeUndefined();
    expect(pgSocketDir('postgres://u@h/db?host=db.internal')).toBeUndefined();
    expect(connectionOf('postgres://u@h:5432/db')).toEqual({ url: 'postgres://u@h:5432/db', extra: {} });
  });
});
