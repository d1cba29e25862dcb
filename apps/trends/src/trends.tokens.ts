/** The KeyedLock that orders writes to one document: in-process, or across processes (TRENDS_WRITE_LOCK=nats). */
export const TRENDS_WRITE_LOCK = Symbol('TrendsWriteLock');
/** The validated TrendsConfig. */
export const TRENDS_CONFIG = Symbol('TrendsConfig');
