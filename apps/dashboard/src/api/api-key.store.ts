const STORAGE_KEY = 'media-monitor.api-key';
const KEY_PATTERN = /^mmk_[0-9a-f]{12}_[A-Za-z0-9_-]{43}$/;

/** True for strings shaped like the gateway's keys (`mmk_<12 hex>_<43 base64url>`). */
export function looksLikeApiKey(value: string): boolean {
  return KEY_PATTERN.test(value.trim());
}

/**
 * The key a link carries in its fragment (`/app/#key=mmk_…`, as the demo prints): fragments never
 * reach the server, so the key stays out of its logs.
 */
export function keyFromFragment(hash: string): string | null {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  const key = params.get('key')?.trim();
  return key && looksLikeApiKey(key) ? key : null;
}

/** The session's API key, in sessionStorage: it lasts as long as the tab and is never written to disk by us. */
export const apiKeyStore = {
  read(): string | null {
    try {
      return sessionStorage.getItem(STORAGE_KEY);
    } catch {
      return null;
    }
  },
  write(key: string | null): void {
    try {
      if (key) sessionStorage.setItem(STORAGE_KEY, key);
      else sessionStorage.removeItem(STORAGE_KEY);
    } catch {
      // Storage refused (private mode quotas): the key lives in memory for this page only.
    }
  },
  /** Takes a key from the address's fragment into the session and removes it from the address bar. */
  adoptFromLocation(): string | null {
    const key = keyFromFragment(window.location.hash);
    if (!key) return null;
    this.write(key);
    window.history.replaceState(null, '', window.location.pathname + window.location.search);
    return key;
  },
};
