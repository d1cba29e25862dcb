import { BlockList } from 'node:net';
import { ipFamily, isPublicAddress, unmappedIpv4 } from '@media-monitor/service-kit';

/**
 * Which addresses the fetcher may connect to: public ones, plus the private ranges the
 * configuration allows explicitly (CIDRs such as `127.0.0.0/8` for tests and the demo).
 */
export class AddressPolicy {
  private readonly allowed = new BlockList();

  constructor(allowedCidrs: readonly string[] = []) {
    for (const cidr of allowedCidrs) {
      const [network = '', prefix] = cidr.split('/');
      const kind = ipFamily(network);
      if (!kind) throw new Error(`"${cidr}" is not a CIDR range`);
      this.allowed.addSubnet(network, Number(prefix ?? (kind === 'ipv4' ? 32 : 128)), kind);
    }
  }

  /** True when a connection to this IP address is allowed; false for anything else (names included). */
  mayConnect(address: string): boolean {
    const plain = unmappedIpv4(address);
    const kind = ipFamily(plain);
    if (!kind) return false;
    return isPublicAddress(plain) || this.allowed.check(plain, kind);
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
