import { useCallback, useEffect, useRef, useState } from 'react';
import { useApp } from '../app/app-context.js';
import type { MediaMonitorApi } from './media-monitor.api.js';

export interface QueryState<T> {
  data?: T;
  error?: Error;
  loading: boolean;
  /** Loads again now (keeping the data shown until the answer comes). */
  reload: () => void;
}

/**
 * Loads from the API when the inputs (`key`) change, and again every `refreshMs` if given. A
 * change of inputs drops the old data; a refresh keeps it on screen until the new answer.
 */
export function useApiQuery<T>(
  key: string,
  load: (api: MediaMonitorApi, signal: AbortSignal) => Promise<T>,
  options: { refreshMs?: number; enabled?: boolean } = {},
): QueryState<T> {
  const { api } = useApp();
  const [state, setState] = useState<{ key: string; data?: T; error?: Error; loading: boolean }>({
    key,
    loading: true,
  });
  const [tick, setTick] = useState(0);
  const loader = useRef(load);
  loader.current = load;
  const enabled = options.enabled ?? true;

  useEffect(() => {
    if (!enabled) return;
    const controller = new AbortController();
    setState((s) => (s.key === key ? { ...s, loading: true } : { key, loading: true }));
    loader.current(api, controller.signal).then(
      (data) => {
        if (!controller.signal.aborted) setState({ key, data, loading: false });
      },
      (error: Error) => {
        if (!controller.signal.aborted)
          setState((s) => ({ key, data: s.key === key ? s.data : undefined, error, loading: false }));
      },
    );
    return () => controller.abort();
  }, [api, key, tick, enabled]);

  useEffect(() => {
    if (!options.refreshMs || !enabled) return;
    const timer = setInterval(() => setTick((n) => n + 1), options.refreshMs);
    return () => clearInterval(timer);
  }, [options.refreshMs, enabled]);

  const reload = useCallback(() => setTick((n) => n + 1), []);
  if (state.key !== key) return { loading: true, reload };
  return { data: state.data, error: state.error, loading: state.loading, reload };
}
