/** The entity service's validated configuration (EntityConfig). */
export const ENTITY_CONFIG = Symbol('EntityConfig');
/** The KeyedLock that orders changes of one topic or registry entity across replicas. */
export const CHANGE_LOCK = Symbol('ChangeLock');
