/** Stable error codes raised by the service kit. */
export type ServiceKitErrorCode = 'config.invalid' | 'health.duplicate-check';

/** A service-kit failure with a stable dotted code. */
export class ServiceKitError extends Error {
  constructor(
    readonly code: ServiceKitErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = new.target.name;
  }
}
