import type { CallHandler, ExecutionContext, NestInterceptor } from '@nestjs/common';
import { Observable } from 'rxjs';
import type { RunWithCorrelation } from './correlation.types.js';

/**
 * Runs each HTTP handler inside the correlation context, so that the id survives body parsing
 * and everything the handler awaits. Other contexts (RPC, events) pass through untouched.
 */
export class CorrelationInterceptor implements NestInterceptor {
  constructor(
    private readonly run: RunWithCorrelation,
    private readonly header: string,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const request = context.switchToHttp().getRequest<{ headers?: Record<string, unknown> }>();
    const id = request.headers?.[this.header];
    if (typeof id !== 'string') return next.handle();
    return new Observable((subscriber) => this.run(id, () => next.handle().subscribe(subscriber)));
  }
}
