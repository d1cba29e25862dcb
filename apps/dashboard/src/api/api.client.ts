import { ApiError, errorFromResponse } from './api-error.js';

export interface ApiClientOptions {
  /** The gateway's origin; empty for the page's own (the gateway serves the dashboard). */
  baseUrl?: string;
  /** The API key of the session, read on every request. */
  apiKey: () => string | null;
  /** Called when the gateway refuses the key (401), so the app can ask for another. */
  onUnauthorized?: () => void;
}

/** JSON over fetch with the session's API key; every non-2xx answer becomes an ApiError. */
export class ApiClient {
  constructor(private readonly options: ApiClientOptions) {}

  get<T>(path: string, signal?: AbortSignal): Promise<T> {
    return this.request<T>('GET', path, undefined, signal);
  }

  send<T>(method: 'POST' | 'PUT' | 'DELETE', path: string, body?: unknown, signal?: AbortSignal): Promise<T> {
    return this.request<T>(method, path, body, signal);
  }

  private async request<T>(method: string, path: string, body: unknown, signal?: AbortSignal): Promise<T> {
    const headers: Record<string, string> = { accept: 'application/json' };
    const key = this.options.apiKey();
    if (key) headers['x-api-key'] = key;
    if (body !== undefined) headers['content-type'] = 'application/json';
    let res: Response;
    try {
      res = await fetch(`${this.options.baseUrl ?? ''}${path}`, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        signal,
        credentials: 'omit',
      });
    } catch (error) {
      if ((error as Error).name === 'AbortError') throw error;
      throw new ApiError(
        0,
        'network.unreachable',
        `the gateway did not answer (${(error as Error).message})`,
        {},
        path,
      );
    }
    const text = await res.text();
    let json: unknown = undefined;
    if (text) {
      try {
        json = JSON.parse(text);
      } catch {
        json = undefined;
      }
    }
    if (!res.ok) {
      if (res.status === 401) this.options.onUnauthorized?.();
      throw errorFromResponse(res.status, json ?? text, path);
    }
    return json as T;
  }
}
