import { Catch, type ArgumentsHost, type RpcExceptionFilter } from '@nestjs/common';
import { throwError, type Observable } from 'rxjs';

/**
 * Rethrows every error unchanged, so JetStreamTransport sees the original class (PermanentError goes to
 * the dead-letter stream; a query error keeps its `code`). Without it, Nest's default RPC filter turns
 * unknown errors into `{ status: 'error', message: 'Internal server error' }`, which the transport can only
 * treat as transient. Register with `app.useGlobalFilters(new JetStreamExceptionFilter())`.
 */
@Catch()
export class JetStreamExceptionFilter implements RpcExceptionFilter<unknown> {
  catch(exception: unknown, _host: ArgumentsHost): Observable<never> {
    return throwError(() => exception);
  }
}
