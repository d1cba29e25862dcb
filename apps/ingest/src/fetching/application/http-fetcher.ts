export const HTTP_FETCHER = Symbol('HttpFetcher');

export interface FetchRequest {
  url: string;
  /** Validators from the last fetch: a 304 answer means nothing changed. */
  etag?: string;
  lastModified?: string;
  accept: string;
  /** Largest body accepted after decompression, in bytes. */
  maxBytes: number;
}

export interface FetchResponse {
  /** 200 (or another 2xx) with a body, or 304 without one. */
  status: number;
  /** The address after redirects. */
  finalUrl: string;
  body: Buffer;
  contentType?: string;
  etag?: string;
  lastModified?: string;
  redirects: number;
}

/** GETs one URL: redirects followed within limits, bodies decompressed and bounded, addresses checked. */
export interface HttpFetcher {
  /** Throws FetchError for every failure, HTTP errors (4xx, 5xx) included. */
  get(request: FetchRequest): Promise<FetchResponse>;
}
