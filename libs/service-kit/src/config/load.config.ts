import type { z } from 'zod';
import { ConfigError, type ConfigIssue } from './config.error.js';

type Environment = Record<string, string | undefined>;

/**
 * Validates the environment against `schema` at boot and returns the typed configuration.
 * Empty values count as unset (so defaults apply); every missing or invalid variable is
 * reported by name in one `ConfigError` (`config.invalid`), never with its value.
 */
export function loadConfig<S extends z.ZodType>(schema: S, env: Environment = process.env): z.infer<S> {
  const input = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  throw new ConfigError(result.error.issues.map((issue) => describeIssue(issue, input)));
}

function describeIssue(issue: z.core.$ZodIssue, input: Environment): ConfigIssue {
  const variable = issue.path.length > 0 ? issue.path.map(String).join('.') : '(environment)';
  const first = issue.path[0];
  const missing = typeof first === 'string' && input[first] === undefined;
  return { variable, message: missing ? 'is required but not set' : `is invalid: ${issue.message}` };
}
