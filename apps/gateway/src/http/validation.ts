import { BadRequestException } from '@nestjs/common';
import type { z } from 'zod';

/** Parses input with a schema, or answers 400 with a stable code and the schema's issues. */
export function parseOrThrow<S extends z.ZodType>(schema: S, input: unknown, code: string): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  throw new BadRequestException({
    error: {
      code,
      message: 'the request does not match the schema',
      issues: result.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
    },
  });
}
