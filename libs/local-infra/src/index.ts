export * from './binaries.js';
export * from './ferretdb.js';
export * from './local-stack.js';
export * from './local-system.js';
export * from './managed-process.js';
export * from './nats-server.js';
export * from './net.js';
export * from './paths.js';
