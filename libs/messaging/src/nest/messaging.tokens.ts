/** Injection token of the module's NatsConnection. */
export const NATS_CONNECTION = Symbol.for('media-monitor.messaging.nats-connection');
/** Injection token of the resolved MessagingModuleOptions. */
export const MESSAGING_OPTIONS = Symbol.for('media-monitor.messaging.options');
/** Injection token of the Namespace every publisher and client of the module uses. */
export const MESSAGING_NAMESPACE = Symbol.for('media-monitor.messaging.namespace');
