import type { z } from 'zod';

/** "path: message; path: message" for at most `max` zod issues (for logs and dead-letter reasons). */
export function summarizeIssues(issues: readonly z.core.$ZodIssue[], max = 5): string {
  const parts = issues
    .slice(0, max)
    .map((issue) => `${issue.path.length ? issue.path.map(String).join('.') : '(root)'}: ${issue.message}`);
  if (issues.length > max) parts.push(`… ${issues.length - max} more`);
  return parts.join('; ');
}
