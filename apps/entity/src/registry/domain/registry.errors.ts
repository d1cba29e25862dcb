/** A refused registry change: a stable code (the gateway maps it to a status) and a message for people. */
export class RegistryError extends Error {
  override readonly name = 'RegistryError';
  readonly retryable = false;

  constructor(
    readonly code:
      | 'entity.invalid'
      | 'entity.not_found'
      | 'entity.alias_conflict'
      | 'entity.alias_not_found'
      | 'entity.last_alias'
      | 'entity.in_use',
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
  }
}
