/** docs/openapi.json, generated from the catalog (kept current: test/unit/generated-files.test.ts), is valid OpenAPI 3.1. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { validate, compileErrors } from '@readme/openapi-parser';
import { OPERATIONS } from '../../lib/catalog';
import { firstViolation } from '../../lib/catalog/validate';
import { parseJson } from '../../lib/protocol/json';
import { openApiDocument } from '../../scripts/openapi-document';

const file = path.resolve(__dirname, '../../docs/openapi.json');
const committed = readFileSync(file, 'utf8');

describe('docs/openapi.json', () => {
  it('is valid OpenAPI 3.1 for a maintained third-party parser', async () => {
    const result = await validate(JSON.parse(committed));
    if (!result.valid) throw new Error(compileErrors(result));
    expect(result.valid).toBe(true);
  });

  it('has one POST per catalog operation, on the platform path, with the error shape', () => {
    const doc = openApiDocument(OPERATIONS) as { paths: Record<string, { post: { operationId: string; responses: Record<string, unknown> } }> };
    expect(Object.keys(doc.paths).sort()).toEqual(OPERATIONS.map((op) => op.path).sort());
    for (const op of OPERATIONS) {
      const post = doc.paths[op.path]!.post;
      expect(post.operationId).toBe(op.id);
      expect(Object.keys(post.responses)).toEqual(expect.arrayContaining(['200', '400', '502', '504']));
    }
  });

  it('carries request and answer examples that the catalog itself accepts', () => {
    const doc = parseJson(committed) as { paths: Record<string, { post: any }> };
    let checked = 0;
    for (const op of OPERATIONS) {
      const post = doc.paths[op.path]!.post;
      const request = post.requestBody.content['application/json'].example;
      const answer = post.responses['200'].content['application/json'].example;
      if (request !== undefined) {
        expect(firstViolation(op.request, request)).toBeUndefined();
        checked += 1;
      }
      if (answer !== undefined) expect(firstViolation(op.response, answer)).toBeUndefined();
    }
    expect(checked).toBeGreaterThanOrEqual(Math.ceil(OPERATIONS.length / 2));
  });

  it('writes 19-digit bounds exactly', () => {
    expect(committed).toContain('"maximum": 9999999999999999999');
  });
});
