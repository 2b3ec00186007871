// `npm run openapi`: writes docs/openapi.json from the catalog.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { OPERATIONS } from '../lib/catalog';
import { openApiText } from './openapi-document';

writeFileSync(path.resolve(__dirname, '..', 'docs', 'openapi.json'), openApiText(OPERATIONS));
console.log(`docs/openapi.json: ${OPERATIONS.length} operations`);
