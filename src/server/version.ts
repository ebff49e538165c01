import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
/** The package version, reported by /health and the OpenAPI document. */
export const version: string = (require('../../package.json') as { version: string }).version;
