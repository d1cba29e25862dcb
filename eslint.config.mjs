import nx from '@nx/eslint-plugin';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';
import reactHooks from 'eslint-plugin-react-hooks';

/** Who may depend on whom. Apps never import each other (they are not libraries). */
const productionConstraints = [
  { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:lib', 'type:contracts'] },
  { sourceTag: 'type:lib', onlyDependOnLibsWithTags: ['type:lib', 'type:contracts'] },
  {
    sourceTag: 'type:contracts',
    onlyDependOnLibsWithTags: ['type:contracts'],
    bannedExternalImports: ['@nestjs/*', 'mongoose', '@nats-io/*', 'pino', 'prom-client', 'fastify'],
  },
  { sourceTag: 'type:testing', onlyDependOnLibsWithTags: ['type:lib', 'type:contracts', 'type:testing'] },
  { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: ['scope:shared'] },
  { sourceTag: 'scope:dev', onlyDependOnLibsWithTags: ['scope:shared', 'scope:dev'] },
  { sourceTag: 'scope:cli', onlyDependOnLibsWithTags: ['scope:shared', 'scope:dev'] },
  // The dashboard runs in the browser: it may use the contracts (types and zod schemas), nothing server-side.
  {
    sourceTag: 'scope:dashboard',
    onlyDependOnLibsWithTags: ['type:contracts'],
    bannedExternalImports: [
      '@nestjs/*',
      'mongoose',
      '@nats-io/*',
      'pino',
      'prom-client',
      'fastify',
      '@fastify/*',
      'node:*',
    ],
  },
  ...['ingest', 'entity', 'sentiment', 'trends', 'alert', 'gateway'].map((s) => ({
    sourceTag: `scope:${s}`,
    onlyDependOnLibsWithTags: ['scope:shared'],
  })),
];

/** Tests may also use the test harness. */
const testConstraints = productionConstraints.map((c) =>
  c.sourceTag === 'type:contracts' || !c.onlyDependOnLibsWithTags
    ? c
    : { ...c, onlyDependOnLibsWithTags: [...c.onlyDependOnLibsWithTags, 'type:testing', 'scope:dev'] },
);

const boundaries = (depConstraints) => ['error', { enforceBuildableLibDependency: false, allow: [], depConstraints }];

export default [
  { ignores: ['**/dist', '**/node_modules', '.nx', '.tools', 'coverage', 'reports'] },
  ...nx.configs['flat/base'],
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts', '**/*.tsx'],
    // Decorator metadata makes constructor parameter types runtime values (Nest DI): the parser
    // must know, or consistent-type-imports would turn injected classes into type-only imports.
    languageOptions: { parserOptions: { emitDecoratorMetadata: true, experimentalDecorators: true } },
    rules: {
      '@nx/enforce-module-boundaries': boundaries(productionConstraints),
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': [
        'error',
        { fixStyle: 'inline-type-imports', disallowTypeAnnotations: false },
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector: "MemberExpression[object.name='process'][property.name='env']",
          message: 'Read the environment only in config modules (*.config.ts) or scripts.',
        },
      ],
    },
  },
  {
    files: ['apps/dashboard/src/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'error' },
  },
  {
    files: ['**/*.spec.ts', '**/*.int-spec.ts', '**/*.e2e-spec.ts', '**/test/**/*.ts'],
    rules: { '@nx/enforce-module-boundaries': boundaries(testConstraints), 'no-restricted-syntax': 'off' },
  },
  {
    files: ['**/*.config.ts', 'libs/local-infra/**/*.ts', 'libs/testing/**/*.ts', 'apps/cli/**/*.ts'],
    rules: { 'no-restricted-syntax': 'off' },
  },
  prettier,
];
