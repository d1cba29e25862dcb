export * from './launch-service.js';
export * from './service.env.js';
export * from './runtime-health.checks.js';
