import { Catch, HttpException, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { FastifyReply } from 'fastify';

/** The body of every error answer: `{ error: { code, message } }`, details beside them. */
export interface ApiErrorBody {
  error: { code: string; message: string; [detail: string]: unknown };
}

/** A service's own mapping of an exception it knows (e.g. a refused NATS query) to an answer. */
export type ApiErrorTranslation = (exception: unknown) => { status: number; body: ApiErrorBody } | undefined;

/** A stable dotted error code of ours (`gateway.rate_limited`), not a framework's (`FST_ERR_...`). */
const OWN_CODE = /^[a-z][a-z0-9_-]*(\.[a-z0-9_-]+)+$/;

/**
 * Every error leaves the service as `{ error: { code, message } }`, never with a stack trace:
 * HTTP exceptions (Nest's own included), 4xx errors of Fastify and its plugins, the service's
 * translated errors, and anything else as a 500 `internal` (logged with its stack).
 */
@Catch()
export class ApiErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('ApiErrorFilter');

  constructor(private readonly translate?: ApiErrorTranslation) {}

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
    const translated = this.translate?.(exception);
    if (translated) {
      void reply.status(translated.status).send(translated.body);
      return;
    }
    const status = clientErrorStatus(exception);
    if (status !== undefined) {
      // Errors of Fastify and its plugins before routing (rate limit, body parsing): a client's mistake.
      const code = (exception as { code?: unknown }).code;
      void reply.status(status).send({
        error: {
          code: typeof code === 'string' && OWN_CODE.test(code) ? code : `http.${status}`,
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
