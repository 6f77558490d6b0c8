// Lint = code quality plus the architecture's boundaries (see the README's architecture section).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

const kyselyOnly = {
  paths: [
    { name: 'kysely', message: 'SQL belongs in a *.repository.ts file (or a migration, or platform/db).' },
    { name: 'kysely/migration', message: 'Only platform/migrations runs migrations.' },
  ],
};

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'data/**', 'e2e/screenshots/**', 'coverage/**', '**/*.d.ts'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-definitions': ['error', 'type'],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      'no-empty': ['error', { allowEmptyCatch: true }],
    },
  },
  {
    files: ['server/**/*.ts', 'contracts/**/*.ts'],
    ignores: ['server/**/*.repository.ts', 'server/db/migrations/**', 'server/platform/db.ts', 'server/platform/migrations.ts', 'server/platform/db-types.ts', 'server/platform/db-types-*.ts'],
    rules: { 'no-restricted-imports': ['error', kyselyOnly] },
  },
  {
    files: ['server/**/*.ts', 'contracts/**/*.ts', 'web/src/**/*.{ts,tsx}'],
    ignores: ['server/platform/env.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        { selector: "MemberExpression[object.name='process'][property.name='env']", message: 'Read configuration in server/platform/env.ts only.' },
      ],
    },
  },
  {
    files: ['server/modules/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          ...kyselyOnly,
          patterns: [{ group: ['../*/*.repository', '../../modules/*/*.repository'], message: "Use the other module's service, never its repository." }],
        },
      ],
    },
  },
  {
    files: ['server/modules/**/*.repository.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['../*/*.repository', '../../modules/*/*.repository'], message: "Use the other module's service, never its repository." }] },
      ],
    },
  },
  {
    files: ['contracts/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: kyselyOnly.paths, patterns: [{ group: ['node:*', 'fastify', 'react', 'react-dom'], message: 'contracts/ is shared by server and web: no Node or DOM imports.' }] },
      ],
    },
  },
  {
    files: ['web/src/features/*/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['**/features/*', '../../features/**'], message: 'Web features do not import each other: move shared UI to web/src/components.' }] },
      ],
    },
  },
);
