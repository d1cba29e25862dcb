import { PermanentError } from '@media-monitor/messaging';

/** A request the alert service refuses (bad destination, unknown id): retrying cannot help. */
export class DeliveryError extends PermanentError {}
