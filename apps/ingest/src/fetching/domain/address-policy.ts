import { BlockList, isIP } from 'node:net';

/** Private, loopback, link-local, CGNAT, multicast and reserved ranges, and v6 forms of them. */
const REFUSED_V4: ReadonlyArray<readonly [string, number]> = [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
];
const REFUSED_V6: ReadonlyArray<readonly [string, number]> = [
  ['::', 128],
  ['::1', 128],
  ['64:ff9b::', 96],
  ['100::', 64],
  ['2001:db8::', 32],
  ['fc00::', 7],
  ['fe80::', 10],
  ['fec0::', 10],
  ['ff00::', 8],
];

function family(address: string): 'ipv4' | 'ipv6' | null {
  const version = isIP(address);
  return version === 4 ? 'ipv4' : version === 6 ? 'ipv6' : null;
}

/** The IPv4 address inside an IPv4-mapped IPv6 address (::ffff:a.b.c.d). */
const unmapped = (address: string) => /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1] ?? address;

/**
 * Which addresses the fetcher may connect to: public ones, plus the private ranges the
 * configuration allows explicitly (CIDRs such as `127.0.0.0/8` for tests and the demo).
 */
export class AddressPolicy {
  private readonly refused = new BlockList();
  private readonly allowed = new BlockList();

  constructor(allowedCidrs: readonly string[] = []) {
    for (const [network, prefix] of REFUSED_V4) this.refused.addSubnet(network, prefix, 'ipv4');
    for (const [network, prefix] of REFUSED_V6) this.refused.addSubnet(network, prefix, 'ipv6');
    for (const cidr of allowedCidrs) {
      const [network = '', prefix] = cidr.split('/');
      const kind = family(network);
      if (!kind) throw new Error(`"${cidr}" is not a CIDR range`);
      this.allowed.addSubnet(network, Number(prefix ?? (kind === 'ipv4' ? 32 : 128)), kind);
    }
  }

  /** True when a connection to this IP address is allowed; false for anything else (names included). */
  mayConnect(address: string): boolean {
    const plain = unmapped(address);
    const kind = family(plain);
    if (!kind) return false;
    return !this.refused.check(plain, kind) || this.allowed.check(plain, kind);
  }
}

/** Parses `FETCH_ALLOW_PRIVATE_CIDRS`-style lists, refusing malformed ranges. */
export function parseCidrList(list: string): string[] {
  const cidrs = list
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean);
  new AddressPolicy(cidrs);
  return cidrs;
}
