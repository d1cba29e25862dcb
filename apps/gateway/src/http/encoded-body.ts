import { promisify } from 'node:util';
import { gzip } from 'node:zlib';

const gzipAsync = promisify(gzip);

/**
 * A response body that is sent many times (a cached answer): encoded to UTF-8 once and, for
 * clients that accept it, gzip-compressed once, off the event loop, on first demand.
 */
export class EncodedBody {
  readonly identity: Buffer;
  private gzipped: Promise<Buffer> | undefined;

  constructor(text: string) {
    this.identity = Buffer.from(text, 'utf8');
  }

  gzip(): Promise<Buffer> {
    this.gzipped ??= gzipAsync(this.identity, { level: 6 });
    return this.gzipped;
  }
}

/** Whether an Accept-Encoding header accepts gzip (`gzip` or `*`, unless given q=0). */
export function acceptsGzip(header: string | string[] | undefined): boolean {
  const value = Array.isArray(header) ? header.join(',') : header;
  if (!value) return false;
  let accepted = false;
  for (const part of value.split(',')) {
    const [coding = '', ...params] = part.split(';').map((s) => s.trim().toLowerCase());
    if (coding !== 'gzip' && coding !== '*') continue;
    const q = params.find((p) => p.startsWith('q='));
    const refused = q !== undefined && Number(q.slice(2)) === 0;
    if (coding === 'gzip') return !refused;
    accepted = !refused;
  }
  return accepted;
}
