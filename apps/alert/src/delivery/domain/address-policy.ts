import { isLoopbackAddress, isPublicAddress } from '@media-monitor/service-kit';

export { isLoopbackAddress, isPublicAddress };

/** The connect-time rule: public addresses always; loopback only when insecure test destinations are allowed. */
export function mayConnectTo(address: string, allowLoopback: boolean): boolean {
  return isPublicAddress(address) || (allowLoopback && isLoopbackAddress(address));
}
