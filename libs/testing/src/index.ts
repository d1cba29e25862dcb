export * from './test-infra.js';
export * from './wait-for.js';
export * from './sse-client.js';
