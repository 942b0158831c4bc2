// Lint: TypeScript rules plus the one-way data flow of docs/architecture.md, enforced as import boundaries.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/** Folders each stage must not import, with the reason shown to whoever breaks the rule. */
const BOUNDARIES = {
  document: {
    forbid: [
      'diagnostics',
      'record',
      'sources',
      'recognition',
      'rules',
      'pipeline',
      'render',
      'cli',
      'synthetic',
      'store',
      'web',
    ],
    why: 'document/ is the neutral form and imports nothing',
  },
  diagnostics: {
    forbid: [
      'document',
      'record',
      'sources',
      'recognition',
      'rules',
      'pipeline',
      'render',
      'cli',
      'synthetic',
      'store',
      'web',
    ],
    why: 'diagnostics/ is the message shape and imports nothing',
  },
  record: {
    forbid: [
      'document',
      'sources',
      'recognition',
      'rules',
      'pipeline',
      'render',
      'cli',
      'synthetic',
      'store',
      'web',
    ],
    why: 'record/ is the data contract: it depends on no stage',
  },
  sources: {
    forbid: ['record', 'recognition', 'rules', 'pipeline', 'render', 'cli', 'synthetic', 'store', 'web'],
    why: 'readers know file formats, not the official tables (style.md habit 1)',
  },
  recognition: {
    forbid: ['sources', 'rules', 'pipeline', 'render', 'cli', 'synthetic', 'store', 'web'],
    why: 'recognisers know the official tables, not file formats (style.md habit 1)',
  },
  rules: {
    forbid: ['document', 'sources', 'recognition', 'pipeline', 'render', 'cli', 'synthetic', 'store', 'web'],
    why: 'a check reads a record and nothing else',
  },
  corpus: {
    forbid: [
      'document',
      'sources',
      'recognition',
      'rules',
      'pipeline',
      'render',
      'cli',
      'synthetic',
      'store',
      'ingest',
      'web',
    ],
    why: 'corpus checks take plain records and return findings; storage calls them, never the reverse',
  },
  render: {
    forbid: ['sources', 'recognition', 'pipeline', 'cli', 'store', 'web'],
    why: 'render/ turns records into output and never reaches back into storage or readers',
  },
  synthetic: {
    forbid: ['sources', 'recognition', 'rules', 'pipeline', 'cli', 'store', 'web'],
    why: 'the generator makes records and files; it must not share code with what it tests',
  },
  pipeline: { forbid: ['cli', 'web'], why: 'pipeline/ chains the stages; edges call it, not the reverse' },
  store: {
    forbid: [
      'document',
      'sources',
      'recognition',
      'rules',
      'pipeline',
      'render',
      'cli',
      'synthetic',
      'ingest',
      'web',
    ],
    why: 'store/ keeps records and findings; it never reads files, parses, checks or prints',
  },
  ingest: {
    forbid: ['cli', 'web', 'render', 'synthetic'],
    why: 'ingest/ runs the pipeline into the store; edges call it, not the reverse',
  },
  threads: {
    forbid: [
      'document',
      'diagnostics',
      'record',
      'sources',
      'recognition',
      'rules',
      'corpus',
      'pipeline',
      'render',
      'cli',
      'synthetic',
      'store',
      'ingest',
      'web',
    ],
    why: 'threads/ starts worker threads for any stage and knows none of them',
  },
  web: {
    forbid: ['cli', 'sources', 'recognition', 'synthetic'],
    why: 'web/ is an edge like cli/: it reads through the pipeline, ingest and the store, never a reader directly',
  },
};

const boundaryConfigs = Object.entries(BOUNDARIES).map(([folder, { forbid, why }]) => ({
  files: [`src/${folder}/**/*.ts`, `src/${folder}/**/*.tsx`],
  rules: {
    'no-restricted-imports': [
      'error',
      {
        patterns: forbid.map((other) => ({
          group: [`**/${other}/*`, `**/${other}/**`, `../${other}`, `../../${other}`],
          message: `src/${folder} must not import src/${other}: ${why}. See docs/architecture.md.`,
        })),
      },
    ],
  },
}));

export default tseslint.config(
  { ignores: ['node_modules/**', 'data/**', 'fixtures/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: 'readonly', console: 'readonly', performance: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-control-regex': 'off',
    },
  },
  ...boundaryConfigs,
  {
    // The web app's browser scripts: plain JS served as is (no bundler), run in the page.
    files: ['src/web/assets/**/*.js'],
    languageOptions: {
      sourceType: 'script',
      globals: Object.fromEntries(
        [
          'window',
          'document',
          'fetch',
          'FormData',
          'URLSearchParams',
          'URL',
          'location',
          'history',
          'setTimeout',
          'clearTimeout',
          'File',
          'Blob',
          'XMLHttpRequest',
          'Event',
          'CustomEvent',
          'HTMLElement',
          'navigator',
          'console',
          'AbortController',
          'requestAnimationFrame',
        ].map((name) => [name, 'readonly']),
      ),
    },
  },
);
