import { EventPattern, MessagePattern } from '@nestjs/microservices';
import type { EventContract, QueryContract } from '@media-monitor/contracts';
import { JETSTREAM_TRANSPORT } from './jetstream.transport.js';

/** Marks a method as the JetStream handler of an event contract (payload arrives validated). */
export function OnEvent(contract: EventContract): MethodDecorator {
  return EventPattern<string>(contract.subject, JETSTREAM_TRANSPORT);
}

/** Marks a method as the request-reply responder of a query contract. */
export function OnQuery(contract: QueryContract): MethodDecorator {
  return MessagePattern<string>(contract.subject, JETSTREAM_TRANSPORT);
}
