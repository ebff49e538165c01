import { createHash, randomBytes } from 'node:crypto';

/** A random secret for cookies and API tokens (256 bits, base64url). */
export function newSecret(): string {
  return randomBytes(32).toString('base64url');
}

/** What we store for a secret: its SHA-256, so a database leak yields no usable credential. */
export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}
