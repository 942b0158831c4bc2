export * from './catalogue.ts';
export * from './schema.ts';
export * from './cells.ts';
