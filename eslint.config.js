import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';
import prettier from 'eslint-config-prettier';
import reactHooks from 'eslint-plugin-react-hooks';
import mutualis from './eslint/mutualis.js';
import { tenantTables } from './eslint/tenant-tables.js';

// Where raw queries on tenant tables belong: repositories (repo.ts, *-repo.ts, queries.ts),
// scheduled jobs (jobs.ts), the database layer, the demo seeds and the tests. Anywhere else a
// query goes through scoped(db, actor) or names its exception with unscoped(db, 'why').
const rawQueriesAllowed = [
  'src/server/**/repo.ts',
  'src/server/**/*-repo.ts',
  'src/server/**/queries.ts',
  'src/server/**/jobs.ts',
  'src/server/db/**',
  'src/server/demo/**',
  'src/server/**/demo*.ts',
  'src/server/**/seed.ts',
  'src/**/*.test.ts',
];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'data/**', 'coverage/**', 'bench/.tmp/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
      '@typescript-eslint/no-empty-object-type': 'off',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
    },
  },
  {
    // Type-aware rules for the server, the shared code and the web app.
    files: ['src/**/*.ts', 'web/src/**/*.{ts,tsx}'],
    extends: [...tseslint.configs.recommendedTypeChecked],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
  },
  {
    files: ['web/src/**/*.{ts,tsx}'],
    // The rules of hooks and the React Compiler's checks (purity, refs, state set in effects…).
    extends: [reactHooks.configs.flat['recommended-latest']],
    rules: {
      // TanStack Router ends a beforeLoad by throwing its redirect() and notFound() objects, which
      // are not Error instances by design; anything else thrown must be an Error.
      '@typescript-eslint/only-throw-error': [
        'error',
        {
          allow: [{ from: 'package', package: '@tanstack/router-core', name: ['Redirect', 'NotFoundError'] }],
        },
      ],
    },
  },
  {
    files: ['src/**/*.ts', 'web/src/**/*.{ts,tsx}'],
    plugins: { mutualis },
    rules: { 'mutualis/module-boundaries': 'error' },
  },
  {
    files: ['src/server/**/*.ts'],
    ignores: rawQueriesAllowed,
    rules: { 'mutualis/no-raw-tenant-query': ['error', { tables: tenantTables }] },
  },
  {
    // Every environment variable is read and validated in config.ts.
    files: ['src/server/**/*.ts'],
    ignores: ['src/server/config.ts', 'src/**/*.test.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "MemberExpression[object.name='process'][property.name='env']",
          message: 'Read environment variables in src/server/config.ts only.',
        },
      ],
    },
  },
  {
    // Links and navigations name a route and pass its params (`to: '/demandes/$ticketId', params:
    // { ticketId }`), which the compiler checks against the route tree; a path built from a
    // template string is not checked.
    files: ['web/src/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "JSXAttribute[name.name='to'] > JSXExpressionContainer > TemplateLiteral",
          message: 'Link to a route with params: to="/demandes/$ticketId" params={{ ticketId }}.',
        },
        {
          selector:
            "CallExpression[callee.name=/^(navigate|redirect)$/] > ObjectExpression > Property[key.name='to'] > TemplateLiteral, CallExpression[callee.property.name='navigate'] > ObjectExpression > Property[key.name='to'] > TemplateLiteral",
          message: "Navigate to a route with params: navigate({ to: '/demandes/$ticketId', params: { ticketId } }).",
        },
      ],
    },
  },
  {
    // The web app calls the API through api/client.ts only (one error shape, one 401 handling).
    files: ['web/src/**/*.{ts,tsx}'],
    ignores: ['web/src/api/client.ts'],
    rules: {
      'no-restricted-globals': [
        'error',
        { name: 'fetch', message: 'Call the API with api.get/post/patch/put/del (web/src/api/client.ts).' },
      ],
    },
  },
  {
    // Migrations use Kysely<any>: they describe the schema as it was, not today's DB types.
    files: ['src/server/db/migrations/**'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  prettier,
);
