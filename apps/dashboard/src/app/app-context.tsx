import { createContext, useContext, useMemo, useRef, useState, type ReactNode } from 'react';
import { ApiClient } from '../api/api.client.js';
import { apiKeyStore } from '../api/api-key.store.js';
import { MediaMonitorApi } from '../api/media-monitor.api.js';
import { browserTimeZone, isValidTimeZone } from '../lib/time-zone.js';

const ZONE_KEY = 'media-monitor.time-zone';

export interface AppState {
  api: MediaMonitorApi;
  apiKey: string | null;
  setApiKey: (key: string | null) => void;
  /** The zone every axis and time is written in (the browser's unless chosen). */
  timeZone: string;
  setTimeZone: (zone: string) => void;
  /** Set when the gateway refused the key: the app asks for another. */
  keyRejected: boolean;
}

const AppContext = createContext<AppState | null>(null);

function storedZone(): string {
  try {
    const zone = localStorage.getItem(ZONE_KEY);
    if (zone && isValidTimeZone(zone)) return zone;
  } catch {
    // no storage: the browser's zone
  }
  return browserTimeZone();
}

export function AppProvider({ children }: { children: ReactNode }) {
  const [apiKey, setKey] = useState<string | null>(() => apiKeyStore.read());
  const [keyRejected, setKeyRejected] = useState(false);
  const [timeZone, setZone] = useState<string>(storedZone);
  // The client reads the key on every request, so changing it does not make a new client.
  const keyRef = useRef(apiKey);
  keyRef.current = apiKey;
  const api = useMemo(
    () =>
      new MediaMonitorApi(new ApiClient({ apiKey: () => keyRef.current, onUnauthorized: () => setKeyRejected(true) })),
    [],
  );

  const value = useMemo<AppState>(
    () => ({
      api,
      apiKey,
      keyRejected,
      setApiKey: (key) => {
        apiKeyStore.write(key);
        keyRef.current = key;
        setKey(key);
        setKeyRejected(false);
      },
      timeZone,
      setTimeZone: (zone) => {
        if (!isValidTimeZone(zone)) return;
        try {
          localStorage.setItem(ZONE_KEY, zone);
        } catch {
          // kept for this page only
        }
        setZone(zone);
      },
    }),
    [api, apiKey, keyRejected, timeZone],
  );
  return <AppContext.Provider value={value}>{children}</AppContext.Provider>;
}

export function useApp(): AppState {
  const state = useContext(AppContext);
  if (!state) throw new Error('useApp outside AppProvider');
  return state;
}
