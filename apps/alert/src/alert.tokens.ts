export const ALERT_CONFIG = Symbol('AlertConfig');
