export * from './catalogue.ts';
export * from './schema.ts';
export * from './cells.ts';
export * from './rates.ts';
