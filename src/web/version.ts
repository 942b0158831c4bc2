import { readFileSync } from 'node:fs';

/** The package version, shown in the API description. */
export const APP_VERSION = (
  JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }
).version;
