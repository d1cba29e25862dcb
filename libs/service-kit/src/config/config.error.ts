import { ServiceKitError } from '../service-kit.errors.js';

/** One environment variable that is missing or invalid; the value itself is never included. */
export interface ConfigIssue {
  variable: string;
  message: string;
}

/** Thrown at boot when the environment does not satisfy the service's schema (`config.invalid`). */
export class ConfigError extends ServiceKitError {
  constructor(readonly issues: readonly ConfigIssue[]) {
    super(
      'config.invalid',
      `invalid configuration: ${issues.map((issue) => `${issue.variable} ${issue.message}`).join('; ')}`,
    );
  }

  /** Names of the offending variables, in schema order. */
  get variables(): string[] {
    return [...new Set(this.issues.map((issue) => issue.variable))];
  }
}
