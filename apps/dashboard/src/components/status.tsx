import type { ReactNode } from 'react';
import { ApiError } from '../api/api-error.js';
import type { QueryState } from '../api/use-api.js';

export function Loading({ what }: { what: string }) {
  return (
    <p className="muted" role="status">
      Loading {what}…
    </p>
  );
}

/** A feature whose route this gateway does not have (yet): said plainly, never a crash. */
export function NotAvailable({ what, path }: { what: string; path?: string }) {
  return (
    <div className="notice notice-unavailable" role="note" data-testid="not-available">
      <strong>{what}: not available on this server.</strong>{' '}
      <span>
        The gateway has no route {path ? <code>{path.replace(/\?.*$/, '')}</code> : 'for it'} yet; this view works once
        it is deployed.
      </span>
    </div>
  );
}

export function ErrorNotice({ error, what }: { error: Error; what: string }) {
  if (error instanceof ApiError && error.routeMissing) return <NotAvailable what={what} path={error.path} />;
  const code = error instanceof ApiError ? error.code : error.name;
  return (
    <div className="notice notice-error" role="alert">
      <strong>Could not load {what}</strong> <code>{code}</code>: {error.message}
    </div>
  );
}

/** Renders a query's data, or its loading state or error. */
export function QueryView<T>({
  query,
  what,
  children,
}: {
  query: QueryState<T>;
  what: string;
  children: (data: T) => ReactNode;
}) {
  if (query.data !== undefined) {
    return (
      <>
        {query.error ? <ErrorNotice error={query.error} what={what} /> : null}
        {children(query.data)}
      </>
    );
  }
  if (query.error) return <ErrorNotice error={query.error} what={what} />;
  return <Loading what={what} />;
}
