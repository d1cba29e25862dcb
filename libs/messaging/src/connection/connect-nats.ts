import { connect, type NatsConnection } from '@nats-io/transport-node';

export interface ConnectNatsOptions {
  servers: string | string[];
  /** Connection name shown by the server (monitoring, `nats server report connections`). */
  name: string;
  user?: string;
  pass?: string;
  token?: string;
  /** Pause between reconnect attempts to the same server, in milliseconds (default 1000). */
  reconnectTimeWaitMs?: number;
  /** Client ping interval, in milliseconds (default 20000): a dead server is noticed after two missed pongs. */
  pingIntervalMs?: number;
  /** Timeout of the initial TCP connect, in milliseconds (default 5000). */
  connectTimeoutMs?: number;
}

/** Connects to NATS, reconnecting forever and waiting for the first connect if the server is not up yet. */
export function connectNats(options: ConnectNatsOptions): Promise<NatsConnection> {
  return connect({
    servers: options.servers,
    name: options.name,
    user: options.user,
    pass: options.pass,
    token: options.token,
    maxReconnectAttempts: -1,
    reconnectTimeWait: options.reconnectTimeWaitMs ?? 1_000,
    reconnectJitter: 200,
    pingInterval: options.pingIntervalMs ?? 20_000,
    maxPingOut: 2,
    timeout: options.connectTimeoutMs ?? 5_000,
    waitOnFirstConnect: true,
  });
}
