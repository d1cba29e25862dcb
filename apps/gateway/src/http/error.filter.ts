import { Catch, HttpException, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
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

/** Every error leaves the gateway as `{ error: { code, message } }`, never with a stack trace. */
@Catch()
export class HttpErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('HttpErrorFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    if (exception instanceof HttpException) {
      const body = exception.getResponse();
      const status = exception.getStatus();
      // Nest's own exceptions (an unknown route, a bad method) carry `error: "Not Found"`, a string:
      // only an `error` object is already in the API's shape.
      const payload = hasErrorObject(body) ? body : { error: { code: `http.${status}`, message: exception.message } };
      void reply.status(status).send(payload);
      return;
    }
    if (exception instanceof QueryFailedError) {
      const status = statusOf(exception.code);
      // Details of the owning service's refusal (e.g. where a topic query fails to parse) stay beside the code.
      const details = exception.details ?? {};
      void reply.status(status).send({ error: { ...details, code: exception.code, message: exception.message } });
      return;
    }
    const status = clientErrorStatus(exception);
    if (status !== undefined) {
      // Errors of Fastify and its plugins before routing (rate limit, body parsing): a client's mistake.
      const code = (exception as { code?: unknown }).code;
      void reply.status(status).send({
        error: {
          code: typeof code === 'string' && code.startsWith('gateway.') ? code : `http.${status}`,
          message: (exception as Error).message,
        },
      });
      return;
    }
    this.logger.error(exception instanceof Error ? (exception.stack ?? exception.message) : String(exception));
    void reply.status(500).send({ error: { code: 'internal', message: 'internal error' } });
  }
}

/** The 4xx status an error from Fastify or one of its plugins carries, if any. */
function clientErrorStatus(exception: unknown): number | undefined {
  if (!(exception instanceof Error)) return undefined;
  const status = (exception as { statusCode?: unknown }).statusCode;
  return typeof status === 'number' && status >= 400 && status < 500 ? status : undefined;
}

/** Whether an exception's body is already `{ error: { code, message } }`. */
function hasErrorObject(body: unknown): boolean {
  if (typeof body !== 'object' || body === null) return false;
  const error = (body as { error?: unknown }).error;
  return typeof error === 'object' && error !== null && typeof (error as { code?: unknown }).code === 'string';
}
