/** Injection token of the shared mongoose `Connection`. */
export const MONGO_CONNECTION = Symbol.for('media-monitor.persistence.MONGO_CONNECTION');

/** Injection token of the resolved `PersistenceModuleOptions`. */
export const PERSISTENCE_OPTIONS = Symbol.for('media-monitor.persistence.PERSISTENCE_OPTIONS');
