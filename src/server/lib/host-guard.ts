import dns from 'node:dns';
import net from 'node:net';

/**
 * Which hosts the platform may connect to on an administrator's say-so (IMAP mailboxes): a
 * mailbox setting must not turn the server into a scanner of its own network. Private, loopback
 * and link-local addresses are refused unless allowed by configuration; an allow-list, when set,
 * limits hosts to its names (`imap.example.org`, `*.example.org`) and addresses (IP or CIDR).
 */
export interface HostPolicy {
  /** Empty: any public host. */
  allow: readonly string[];
  /** Accept private, loopback and link-local addresses (a mail server on the local network). */
  allowPrivate: boolean;
}

const privateRanges = new net.BlockList();
for (const [addr, bits] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.168.0.0', 16],
  ['192.0.0.0', 24],
  ['198.18.0.0', 15],
  ['224.0.0.0', 3],
] as const)
  privateRanges.addSubnet(addr, bits, 'ipv4');
for (const [addr, bits] of [
  ['::', 128],
  ['::1', 128],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
] as const)
  privateRanges.addSubnet(addr, bits, 'ipv6');

/** True for addresses that are not on the public internet (private, loopback, link-local, reserved). */
export function isPrivateAddress(ip: string): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  if (mapped) return isPrivateAddress(mapped[1]!);
  const family = net.isIP(ip);
  if (family === 0) return true;
  return privateRanges.check(ip, family === 4 ? 'ipv4' : 'ipv6');
}

function inAllowList(host: string, addresses: readonly string[], allow: readonly string[]): boolean {
  const name = host.toLowerCase().replace(/\.$/, '');
  return allow.some((entry) => {
    const e = entry.trim().toLowerCase();
    if (e.startsWith('*.')) return name.endsWith(e.slice(1));
    const [ip, bits] = e.split('/');
    if (ip && net.isIP(ip)) {
      const family = net.isIP(ip) === 4 ? 'ipv4' : 'ipv6';
      const list = new net.BlockList();
      if (bits) list.addSubnet(ip, Number(bits), family);
      else list.addAddress(ip, family);
      return addresses.some((a) => net.isIP(a) && list.check(a, net.isIP(a) === 4 ? 'ipv4' : 'ipv6'));
    }
    return name === e;
  });
}

export type HostCheck = 'ok' | 'not_allowed' | 'private' | 'unresolvable';

type Lookup = (host: string) => Promise<string[]>;
const systemLookup: Lookup = async (host) =>
  net.isIP(host) ? [host] : (await dns.promises.lookup(host, { all: true })).map((a) => a.address);

/**
 * Whether the host may be connected to under the policy: every address it resolves to is
 * checked (a name resolving to an internal address is refused like the address itself).
 */
export async function checkHost(host: string, policy: HostPolicy, lookup: Lookup = systemLookup): Promise<HostCheck> {
  let addresses: string[];
  try {
    addresses = await lookup(host);
  } catch {
    return 'unresolvable';
  }
  if (!addresses.length) return 'unresolvable';
  const listed = policy.allow.length > 0 && inAllowList(host, addresses, policy.allow);
  if (policy.allow.length > 0 && !listed) return 'not_allowed';
  if (!policy.allowPrivate && !listed && addresses.some(isPrivateAddress)) return 'private';
  return 'ok';
}
