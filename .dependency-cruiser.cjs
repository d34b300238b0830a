/** Layering rules from DESIGN.md, enforced in CI. No exceptions list: fix the code instead. */
module.exports = {
  forbidden: [
    { name: 'no-circular', severity: 'error', from: {}, to: { circular: true } },
    {
      name: 'core-imports-no-feature',
      comment: 'core/ is feature-agnostic',
      severity: 'error',
      from: { path: '^src/core/' },
      to: { path: '^src/(features|ui|seed)/|^src/app\\.ts|^src/access-table\\.ts' },
    },
    {
      name: 'ui-imports-no-feature-or-db',
      comment: 'the design system receives plain props',
      severity: 'error',
      from: { path: '^src/ui/' },
      to: { path: '^src/features/|^src/core/db/|^src/seed/|drizzle-orm|^node_modules/pg/' },
    },
    {
      name: 'views-are-pure',
      comment: 'views receive plain props and import no service or database',
      severity: 'error',
      from: { path: '^src/features/[^/]+/views/' },
      to: { path: '\\.(service|repository|tables|routes)\\.tsx?$|^src/core/db/|drizzle-orm' },
    },
    {
      name: 'features-through-index',
      comment: 'features use each other only through index.ts',
      severity: 'error',
      from: { path: '^src/features/([^/]+)/' },
      to: { path: '^src/features/([^/]+)/', pathNot: ['^src/features/$1/', '^src/features/[^/]+/index\\.ts$', '^src/features/[^/]+/[^/]+\\.tables\\.ts$'] },
    },
    {
      name: 'nothing-imports-portal',
      severity: 'error',
      from: { pathNot: '^src/app\\.ts$|^src/access-table\\.ts$|^src/features/portal/' },
      to: { path: '^src/features/portal/' },
    },
    {
      name: 'repository-only-from-service',
      comment: 'routes → service → repository → tables',
      severity: 'error',
      from: { path: '\\.routes\\.tsx?$' },
      to: { path: '\\.(repository|tables)\\.ts$' },
    },
    {
      name: 'tables-are-leaves',
      severity: 'error',
      from: { path: '\\.tables\\.ts$' },
      to: { path: '\\.(service|repository|routes)\\.ts$' },
    },
    {
      name: 'env-only-in-config',
      comment: 'only core/config.ts reads process.env (lint rule no-restricted-syntax enforces the reads)',
      severity: 'error',
      from: { path: '^src/' },
      to: { path: '^src/server\\.ts$' },
    },
    {
      name: 'no-test-code-in-src',
      severity: 'error',
      from: { path: '^src/', pathNot: '\\.test\\.tsx?$' },
      to: { path: '^test/|vitest|fast-check' , pathNot: '^src/ui/testing/'},
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '\\.test\\.tsx?$' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'], extensions: ['.ts', '.tsx', '.js'] },
  },
};
