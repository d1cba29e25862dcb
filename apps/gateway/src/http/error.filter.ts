import { ApiErrorFilter, type ApiErrorBody } from '@media-monitor/service-kit';
import { QueryFailedError } from '@media-monitor/messaging';

/** Status codes for the stable error codes services answer with. */
const STATUS_BY_CODE: Record<string, number> = {
  'messaging.no_responders': 503,
  'messaging.timeout': 504,
  'query.invalid_request': 400,
  'trends.invalid_range': 400,
  'trends.invalid_time_zone': 400,
  'trends.interval_unavailable': 400,
  'trends.invalid_cursor': 400,
  'trends.article_not_found': 404,
  'trends.topic_not_found': 404,
  'topic.invalid_query': 400,
  'topic.already_exists': 409,
  'topic.concurrent_update': 409,
  'entity.invalid': 400,
  'entity.alias_conflict': 409,
  'entity.alias_not_found': 404,
  'entity.in_use': 409,
  'entity.last_alias': 409,
  'messaging.lock_timeout': 503,
};

/** A service's refusal of bad input is the client's error; a missing thing is a 404; the rest is the server's. */
function statusOf(code: string): number {
  if (STATUS_BY_CODE[code] !== undefined) return STATUS_BY_CODE[code];
  if (code.endsWith('.not_found')) return 404;
  if (code.startsWith('alert.destination.')) return 400;
  return 502;
}

/** An owning service's refusal of a query, with its code and details. */
export function queryFailureAnswer(exception: unknown): { status: number; body: ApiErrorBody } | undefined {
  if (!(exception instanceof QueryFailedError)) return undefined;
  // Details of the owning service's refusal (e.g. where a topic query fails to parse) stay beside the code.
  const details = exception.details ?? {};
  return {
    status: statusOf(exception.code),
    body: { error: { ...details, code: exception.code, message: exception.message } },
  };
}

/** The shared error filter (`{ error: { code, message } }`, no stack traces) with the owning services' refusals. */
export function gatewayErrorFilter(): ApiErrorFilter {
  return new ApiErrorFilter(queryFailureAnswer);
}
