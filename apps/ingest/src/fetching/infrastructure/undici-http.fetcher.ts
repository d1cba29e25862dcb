import { isIP } from 'node:net';
import { createBrotliDecompress, createGunzip, createInflate, createInflateRaw } from 'node:zlib';
import type { Transform } from 'node:stream';
import { request, type Agent, type Dispatcher } from 'undici';
import { classifyNetworkError, guardedAgent } from '@media-monitor/service-kit';
import { type AddressPolicy } from '../domain/address-policy.js';
import { FetchError } from '../domain/fetch.errors.js';
import type { FetchRequest, FetchResponse, HttpFetcher } from '../application/http-fetcher.js';

export interface UndiciFetcherOptions {
  userAgent: string;
  /** Whole-request budget per hop (connect, headers, body), in milliseconds. */
  timeoutMs: number;
  maxRedirects: number;
  policy: AddressPolicy;
}

function header(headers: Dispatcher.ResponseData<unknown>['headers'], name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** Retry-After as milliseconds from now (seconds or an HTTP date). */
function retryAfterMs(value: string | undefined): number | undefined {
  if (!value) return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value) * 1000;
  const at = Date.parse(value);
  return Number.isFinite(at) ? Math.max(0, at - Date.now()) : undefined;
}

function classify(error: unknown, url: string): FetchError {
  if (error instanceof FetchError) return error;
  const { kind, cause } = classifyNetworkError(error);
  const message = (error as Error)?.message ?? String(error);
  switch (kind) {
    case 'unsafe-address':
      return new FetchError('fetch.unsafe_address', `refused to connect for ${url}: ${cause.message}`, false);
    case 'timeout':
      return new FetchError('fetch.timeout', `${url} did not answer in time: ${message}`, true);
    case 'dns':
      return new FetchError(
        'fetch.dns',
        `cannot resolve the host of ${url} (${(cause as { code?: string }).code})`,
        true,
      );
    case 'connection':
      return new FetchError('fetch.connection', `connection to ${url} failed: ${message}`, true);
  }
}

function decoderFor(encoding: string): Transform | null | 'unsupported' {
  switch (encoding) {
    case '':
    case 'identity':
      return null;
    case 'gzip':
    case 'x-gzip':
      return createGunzip();
    case 'deflate':
      return createInflate();
    case 'br':
      return createBrotliDecompress();
    default:
      return 'unsupported';
  }
}

/**
 * The fetcher on undici: redirects followed by hand (each hop's address checked, loops and chains
 * over the limit refused), gzip/deflate/brotli bodies decompressed with the size limit applied to
 * the decompressed bytes, conditional GET with ETag and Last-Modified.
 */
export class UndiciHttpFetcher implements HttpFetcher {
  private readonly agent: Agent;

  constructor(private readonly options: UndiciFetcherOptions) {
    this.agent = guardedAgent({
      mayConnect: (address) => options.policy.mayConnect(address),
      timeoutMs: options.timeoutMs,
      connections: 16,
    });
  }

  async get(input: FetchRequest): Promise<FetchResponse> {
    const visited = new Set<string>();
    let url = input.url;
    for (let redirects = 0; ; redirects++) {
      let parsed: URL;
      try {
        parsed = new URL(url);
      } catch {
        throw new FetchError('fetch.bad_url', `"${url}" is not a URL`, false);
      }
      if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
        throw new FetchError('fetch.bad_url', `${url}: only http and https are fetched`, false);
      }
      if (visited.has(parsed.href)) {
        throw new FetchError('fetch.redirect_loop', `redirect loop: ${[...visited, parsed.href].join(' -> ')}`, false);
      }
      visited.add(parsed.href);
      // An IP literal is judged before any packet leaves; names are judged by the lookup and again on connect.
      const literal = parsed.hostname.replace(/^\[|\]$/g, '');
      if (isIP(literal) && !this.options.policy.mayConnect(literal)) {
        throw new FetchError(
          'fetch.unsafe_address',
          `refused to connect for ${parsed.href}: ${literal} is not a public address`,
          false,
        );
      }
      const response = await this.hop(parsed.href, input, redirects === 0);
      if (response.statusCode >= 300 && response.statusCode < 400 && response.statusCode !== 304) {
        response.body.resume();
        const location = header(response.headers, 'location');
        if (!location) {
          throw new FetchError(
            'fetch.http_status',
            `${url} answered ${response.statusCode} without a Location`,
            false,
            {
              httpStatus: response.statusCode,
            },
          );
        }
        if (redirects >= this.options.maxRedirects) {
          throw new FetchError(
            'fetch.too_many_redirects',
            `more than ${this.options.maxRedirects} redirects starting at ${input.url}`,
            false,
          );
        }
        url = new URL(location, parsed).href;
        continue;
      }
      return this.finish(response, parsed.href, input, redirects);
    }
  }

  async close(): Promise<void> {
    await this.agent.close();
  }

  private async hop(url: string, input: FetchRequest, first: boolean): Promise<Dispatcher.ResponseData<unknown>> {
    const headers: Record<string, string> = {
      'user-agent': this.options.userAgent,
      accept: input.accept,
      'accept-encoding': 'gzip, deflate, br',
    };
    // Validators belong to the first URL; a redirect target is asked unconditionally.
    if (first && input.etag) headers['if-none-match'] = input.etag;
    if (first && input.lastModified) headers['if-modified-since'] = input.lastModified;
    try {
      return await request(url, {
        method: 'GET',
        headers,
        dispatcher: this.agent,
        signal: AbortSignal.timeout(this.options.timeoutMs),
        maxRedirections: 0,
      } as Parameters<typeof request>[1]);
    } catch (error) {
      throw classify(error, url);
    }
  }

  private async finish(
    response: Dispatcher.ResponseData<unknown>,
    url: string,
    input: FetchRequest,
    redirects: number,
  ): Promise<FetchResponse> {
    const base = {
      status: response.statusCode,
      finalUrl: url,
      contentType: header(response.headers, 'content-type'),
      etag: header(response.headers, 'etag'),
      lastModified: header(response.headers, 'last-modified'),
      redirects,
    };
    if (response.statusCode === 304) {
      response.body.resume();
      return { ...base, body: Buffer.alloc(0) };
    }
    if (response.statusCode < 200 || response.statusCode >= 300) {
      response.body.resume();
      const status = response.statusCode;
      const retryable = status === 408 || status === 425 || status === 429 || status >= 500;
      throw new FetchError('fetch.http_status', `${url} answered HTTP ${status}`, retryable, {
        httpStatus: status,
        retryAfterMs: retryAfterMs(header(response.headers, 'retry-after')),
      });
    }
    const declared = Number(header(response.headers, 'content-length') ?? NaN);
    const encoding = (header(response.headers, 'content-encoding') ?? '').trim().toLowerCase();
    if (encoding === '' && Number.isFinite(declared) && declared > input.maxBytes) {
      response.body.destroy();
      throw new FetchError('fetch.too_large', `${url} declares ${declared} bytes, more than ${input.maxBytes}`, false);
    }
    return { ...base, body: await this.readBody(response, url, encoding, input.maxBytes) };
  }

  private async readBody(response: Dispatcher.ResponseData<unknown>, url: string, encoding: string, maxBytes: number) {
    const decoder = decoderFor(encoding);
    if (decoder === 'unsupported') {
      response.body.destroy();
      throw new FetchError('fetch.decoding', `${url} uses the unsupported content encoding "${encoding}"`, false);
    }
    const chunks: Buffer[] = [];
    let size = 0;
    const tooLarge = () =>
      new FetchError('fetch.too_large', `${url} sent more than ${maxBytes} bytes (after decompression)`, false);
    try {
      if (!decoder) {
        for await (const chunk of response.body) {
          size += (chunk as Buffer).length;
          if (size > maxBytes) {
            response.body.destroy();
            throw tooLarge();
          }
          chunks.push(chunk as Buffer);
        }
        return Buffer.concat(chunks);
      }
      const inflating = encoding === 'deflate' ? await rawDeflateAware(response, decoder) : response.body.pipe(decoder);
      for await (const chunk of inflating) {
        size += (chunk as Buffer).length;
        if (size > maxBytes) {
          response.body.destroy();
          inflating.destroy();
          throw tooLarge();
        }
        chunks.push(chunk as Buffer);
      }
      return Buffer.concat(chunks);
    } catch (error) {
      if (error instanceof FetchError) throw error;
      const code = (error as { code?: string }).code ?? '';
      if (code.startsWith('Z_') || code.startsWith('ERR_') || /zlib|header|decompress|invalid/i.test(String(error))) {
        throw new FetchError(
          'fetch.decoding',
          `${url}: the ${encoding} body does not decompress: ${(error as Error).message}`,
          false,
        );
      }
      throw classify(error, url);
    }
  }
}

/** `deflate` is meant to be zlib-wrapped, but some servers send raw deflate: look at the first byte. */
async function rawDeflateAware(response: Dispatcher.ResponseData<unknown>, zlibDecoder: Transform): Promise<Transform> {
  const iterator = response.body[Symbol.asyncIterator]();
  const first = await iterator.next();
  const head = first.done ? Buffer.alloc(0) : (first.value as Buffer);
  const isZlib = head.length > 0 && (head[0]! & 0x0f) === 8 && ((head[0]! << 8) | (head[1] ?? 0)) % 31 === 0;
  const decoder = isZlib ? zlibDecoder : createInflateRaw();
  if (!isZlib) zlibDecoder.destroy();
  void (async () => {
    try {
      if (head.length) decoder.write(head);
      for (let next = await iterator.next(); !next.done; next = await iterator.next()) {
        if (!decoder.write(next.value as Buffer)) await new Promise((resolve) => decoder.once('drain', resolve));
      }
      decoder.end();
    } catch (error) {
      decoder.destroy(error as Error);
    }
  })();
  return decoder;
}
