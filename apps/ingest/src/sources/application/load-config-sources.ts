import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { SourceInputV1 } from '@media-monitor/contracts';

/** The sources file: `{ "sources": [ SourceInputV1, ... ] }` (unknown fields refused). */
export const SourcesFileSchema = z.strictObject({
  about: z.string().optional(),
  sources: z.array(SourceInputV1),
});

/** Raised at start for a sources file that is missing or invalid: the service refuses to start. */
export class SourcesFileError extends Error {
  readonly code = 'ingest.sources_file_invalid';
}

/** Reads and validates the sources file; ids must be unique. */
export function readSourcesFile(path: string): SourceInputV1[] {
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new SourcesFileError(`sources file ${path}: ${(error as Error).message}`);
  }
  const parsed = SourcesFileSchema.safeParse(data);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new SourcesFileError(`sources file ${path} is invalid: ${issues}`);
  }
  const seen = new Set<string>();
  for (const source of parsed.data.sources) {
    if (seen.has(source.sourceId))
      throw new SourcesFileError(`sources file ${path}: "${source.sourceId}" appears twice`);
    seen.add(source.sourceId);
  }
  return parsed.data.sources;
}
