// `npm run openapi`: writes the gateway's OpenAPI document to docs/openapi.json (or the given path).
// A test fails when the committed document differs from the one the code builds.
import { writeFileSync } from 'node:fs';
import { API_VERSION } from '../gateway.service.js';
import { buildOpenApiDocument } from './openapi.document.js';

const target = process.argv[2] ?? 'docs/openapi.json';
writeFileSync(target, `${JSON.stringify(buildOpenApiDocument(API_VERSION), null, 2)}\n`);
process.stdout.write(`wrote ${target}\n`);
