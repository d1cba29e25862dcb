/** The gateway's validated configuration (GatewayConfig). */
export const GATEWAY_CONFIG = Symbol('GatewayConfig');
