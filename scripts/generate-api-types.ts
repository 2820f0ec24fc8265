/**
 * Writes web/src/lib/api/schema.gen.ts from the server's own OpenAPI document, so the web app's typed client always
 * matches the routes (run by `npm run typecheck` and `npm run build`; `npm run generate:api` alone).
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { API_TYPES_FILE, openApiDocument, renderApiTypes } from './web/api-types.js';

const file = fileURLToPath(API_TYPES_FILE);
const types = await renderApiTypes(await openApiDocument());
let current = '';
try {
  current = readFileSync(file, 'utf8');
} catch {
  // first run
}
if (current !== types) {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, types);
  console.log(`wrote ${file}`);
}
