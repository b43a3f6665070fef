import { DomainError } from '@app/shared/errors';
import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';

/** What a target address is, for the SSRF rules. */
export type AddressClass =
  'public' | 'private' | 'loopback' | 'link-local' | 'unspecified' | 'metadata' | 'reserved';

export interface TargetPolicy {
  /** http:// allowed (NODE_ENV=development or WEBHOOK_ALLOW_HTTP). */
  allowHttp: boolean;
  /**
   * Private, loopback and link-local addresses allowed (WEBHOOK_ALLOW_PRIVATE_TARGETS): all of them
   * (`true`), none (`false`), or only those in the given networks.
   */
  allowPrivate: boolean | BlockList;
}

const list = (entries: Array<[string, number, 'ipv4' | 'ipv6']>): BlockList => {
  const b = new BlockList();
  for (const [net, prefix, type] of entries) b.addSubnet(net, prefix, type);
  return b;
};

/** Cloud metadata services: never a webhook target, whatever the configuration says. */
const METADATA = list([
  ['169.254.169.254', 32, 'ipv4'], // AWS, GCP, Azure, OpenStack
  ['169.254.170.2', 32, 'ipv4'], // AWS ECS task metadata
  ['100.100.100.200', 32, 'ipv4'], // Alibaba Cloud
  ['fd00:ec2::254', 128, 'ipv6'], // AWS IPv6
]);
const METADATA_HOSTS = new Set(['metadata.google.internal', 'metadata', 'instance-data']);
const UNSPECIFIED = list([
  ['0.0.0.0', 8, 'ipv4'],
  ['::', 128, 'ipv6'],
]);
const LOOPBACK = list([
  ['127.0.0.0', 8, 'ipv4'],
  ['::1', 128, 'ipv6'],
]);
const LINK_LOCAL = list([
  ['169.254.0.0', 16, 'ipv4'],
  ['fe80::', 10, 'ipv6'],
]);
const PRIVATE = list([
  ['10.0.0.0', 8, 'ipv4'],
  ['172.16.0.0', 12, 'ipv4'],
  ['192.168.0.0', 16, 'ipv4'],
  ['100.64.0.0', 10, 'ipv4'], // carrier-grade NAT
  ['fc00::', 7, 'ipv6'], // unique local
]);
const RESERVED = list([
  ['192.0.0.0', 24, 'ipv4'],
  ['192.0.2.0', 24, 'ipv4'],
  ['198.18.0.0', 15, 'ipv4'],
  ['198.51.100.0', 24, 'ipv4'],
  ['203.0.113.0', 24, 'ipv4'],
  ['224.0.0.0', 4, 'ipv4'], // multicast
  ['240.0.0.0', 4, 'ipv4'], // reserved, broadcast
  ['ff00::', 8, 'ipv6'], // multicast
  ['2001:db8::', 32, 'ipv6'], // documentation
  ['100::', 64, 'ipv6'], // discard
]);

/** The IPv4 address an IPv6 address embeds (mapped ::ffff:a.b.c.d, NAT64 64:ff9b::/96, 6to4 2002::/16). */
function embeddedIpv4(ip: string): string | undefined {
  const lower = ip.toLowerCase();
  const dotted = /^(?:::ffff:|64:ff9b::|::)(\d+\.\d+\.\d+\.\d+)$/.exec(lower);
  if (dotted) return dotted[1];
  const hex = /^(?:::ffff:|64:ff9b::)([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(lower);
  const sixToFour = /^2002:([0-9a-f]{1,4}):([0-9a-f]{1,4})(:|$)/.exec(lower);
  const m = hex ?? sixToFour;
  if (!m) return undefined;
  const hi = parseInt(m[1], 16);
  const lo = parseInt(m[2], 16);
  return [hi >> 8, hi & 255, lo >> 8, lo & 255].join('.');
}

/** Classifies one IP address literal (v4 or v6); anything unparsable is `reserved`. */
export function classifyAddress(ip: string): AddressClass {
  const bare = ip.replace(/^\[|\]$/g, '').replace(/%.*$/, '');
  const family = isIP(bare);
  if (family === 0) return 'reserved';
  if (family === 6) {
    const v4 = embeddedIpv4(bare);
    if (v4) return classifyAddress(v4);
  }
  const type = family === 4 ? 'ipv4' : 'ipv6';
  if (METADATA.check(bare, type)) return 'metadata';
  if (UNSPECIFIED.check(bare, type)) return 'unspecified';
  if (LOOPBACK.check(bare, type)) return 'loopback';
  if (LINK_LOCAL.check(bare, type)) return 'link-local';
  if (PRIVATE.check(bare, type)) return 'private';
  if (RESERVED.check(bare, type)) return 'reserved';
  return 'public';
}

/** Whether the policy lets the gateway connect to this address. Metadata and unspecified: never. */
export function isAllowed(ip: string, policy: TargetPolicy): boolean {
  const c = classifyAddress(ip);
  if (c === 'public') return true;
  if (c !== 'private' && c !== 'loopback' && c !== 'link-local') return false;
  if (typeof policy.allowPrivate === 'boolean') return policy.allowPrivate;
  const bare = ip.replace(/^\[|\]$/g, '').replace(/%.*$/, '');
  return policy.allowPrivate.check(bare, isIP(bare) === 6 ? 'ipv6' : 'ipv4');
}

/** `true`, `false`, or comma-separated CIDRs (`127.0.0.0/8,::1/128`) → the private-target allowance. */
export function parsePrivateAllowance(value: string): boolean | BlockList {
  const v = value.trim().toLowerCase();
  if (v === '' || v === 'false' || v === '0') return false;
  if (v === 'true' || v === '1') return true;
  const b = new BlockList();
  for (const cidr of v.split(',').map((c) => c.trim())) {
    const [net, prefix] = cidr.split('/');
    const type = isIP(net) === 6 ? 'ipv6' : 'ipv4';
    if (isIP(net) === 0) throw new Error(`not a network: ${cidr}`);
    b.addSubnet(net, prefix === undefined ? (type === 'ipv6' ? 128 : 32) : Number(prefix), type);
  }
  return b;
}

/** Checks the URL's form: absolute http(s), no credentials, https unless allowed. Returns the parsed URL. */
export function checkTargetUrl(raw: string, policy: TargetPolicy): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new DomainError('WEBHOOK_TARGET_INVALID', undefined, { url: 'not an absolute URL' });
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new DomainError('WEBHOOK_TARGET_INVALID', undefined, { protocol: url.protocol });
  }
  if (url.username || url.password || url.hash || !url.hostname) {
    throw new DomainError('WEBHOOK_TARGET_INVALID', undefined, {
      reason: 'credentials, fragment or no host',
    });
  }
  if (url.protocol === 'http:' && !policy.allowHttp) {
    throw new DomainError('WEBHOOK_TARGET_NOT_HTTPS', undefined, { protocol: url.protocol });
  }
  return url;
}

/**
 * The addresses a host name resolves to, when EVERY one of them is allowed (a name with one private
 * address among public ones is refused: the connection could pick it). IP literals are checked as they are.
 */
export async function resolveAllowed(
  hostname: string,
  policy: TargetPolicy,
): Promise<Array<{ address: string; family: number }>> {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (METADATA_HOSTS.has(host)) {
    throw new DomainError('WEBHOOK_TARGET_FORBIDDEN', undefined, { host, addressClass: 'metadata' });
  }
  if ((host === 'localhost' || host.endsWith('.localhost')) && policy.allowPrivate === false) {
    throw new DomainError('WEBHOOK_TARGET_FORBIDDEN', undefined, { host, addressClass: 'loopback' });
  }
  let addresses: Array<{ address: string; family: number }>;
  if (isIP(host) !== 0) addresses = [{ address: host, family: isIP(host) }];
  else {
    try {
      addresses = await lookup(host, { all: true, verbatim: true });
    } catch {
      throw new DomainError('WEBHOOK_TARGET_UNRESOLVABLE', undefined, { host });
    }
  }
  if (addresses.length === 0) throw new DomainError('WEBHOOK_TARGET_UNRESOLVABLE', undefined, { host });
  for (const a of addresses) {
    if (!isAllowed(a.address, policy)) {
      throw new DomainError('WEBHOOK_TARGET_FORBIDDEN', undefined, {
        host,
        addressClass: classifyAddress(a.address),
      });
    }
  }
  return addresses;
}

/** Form and address checks of a target URL (create, update, and again before every delivery). */
export async function checkTarget(raw: string, policy: TargetPolicy): Promise<URL> {
  const url = checkTargetUrl(raw, policy);
  await resolveAllowed(url.hostname, policy);
  return url;
}
