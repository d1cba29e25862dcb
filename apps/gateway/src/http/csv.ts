import { stringify } from 'csv-stringify/sync';
import type { FastifyReply } from 'fastify';

/**
 * Answers with CSV: a header row, then one row per record. Cells that a spreadsheet would run
 * as a formula (=, +, -, @ at the start of text) are escaped, since ids and names come from
 * untrusted articles.
 */
export function sendCsv<R extends Record<string, unknown>>(
  reply: FastifyReply,
  fileName: string,
  columns: ReadonlyArray<keyof R & string>,
  records: readonly R[],
): string {
  reply.header('content-type', 'text/csv; charset=utf-8');
  reply.header('content-disposition', `attachment; filename="${fileName.replace(/[^A-Za-z0-9._-]/g, '_')}.csv"`);
  return stringify(records as R[], { header: true, columns: [...columns], escape_formulas: true });
}
