/**
 * A refusal the platform answers with one of the catalog's result codes. Checks throw it so the
 * request pipeline reads top to bottom; anything else thrown is a sandbox bug (000_001).
 */
export class PlatformRejection extends Error {
  override readonly name = 'PlatformRejection';

  constructor(
    readonly code: string,
    readonly description: string,
  ) {
    super(`${code} ${description}`);
  }
}

export function reject(code: string, description: string): never {
  throw new PlatformRejection(code, description);
}
