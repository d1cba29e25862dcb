import { BlockList, isIP } from 'node:net';

/**
 * Addresses outbound connections to user-supplied URLs (feeds, webhooks) may never reach unless
 * configured otherwise: private, loopback, link-local, CGNAT, multicast, reserved, and v6 forms of them.
 */
const REFUSED = new BlockList();
for (const [network, prefix] of [
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
] as const) {
  REFUSED.addSubnet(network, prefix, 'ipv4');
}
for (const [network, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['64:ff9b::', 96], // NAT64 can reach any IPv4 address, private ones included
  ['100::', 64],
  ['2001:db8::', 32],
  ['fc00::', 7],
  ['fe80::', 10],
  ['fec0::', 10],
  ['ff00::', 8],
] as const) {
  REFUSED.addSubnet(network, prefix, 'ipv6');
}

const LOOPBACK = new BlockList();
LOOPBACK.addSubnet('127.0.0.0', 8, 'ipv4');
LOOPBACK.addAddress('::1', 'ipv6');

/** The family of an IP address, or null for anything that is not one (host names included). */
export function ipFamily(address: string): 'ipv4' | 'ipv6' | null {
  const version = isIP(address);
  return version === 4 ? 'ipv4' : version === 6 ? 'ipv6' : null;
}

/** The IPv4 address inside an IPv4-mapped IPv6 address (::ffff:a.b.c.d), which reaches that IPv4 host. */
export const unmappedIpv4 = (address: string): string => /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1] ?? address;

/** True for an address on the public internet; false for anything private, local or not an IP. */
export function isPublicAddress(address: string): boolean {
  const plain = unmappedIpv4(address);
  const kind = ipFamily(plain);
  return kind !== null && !REFUSED.check(plain, kind);
}

export function isLoopbackAddress(address: string): boolean {
  const plain = unmappedIpv4(address);
  const kind = ipFamily(plain);
  return kind !== null && LOOPBACK.check(plain, kind);
}
