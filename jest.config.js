// Three projects: fast unit tests, integration tests over real Postgres + Temporal + SMTP
// (their globalSetup starts what is missing), and browser tests of the studio.
const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true, tsx: true },
      transform: { legacyDecorator: true, decoratorMetadata: true, react: { runtime: 'automatic' } },
      target: 'es2022',
    },
    module: { type: 'commonjs' },
  },
];
const shared = {
  transform: { '^.+\\.(t|j)sx?$': swc },
  moduleNameMapper: {
    '^@parcours/domain$': '<rootDir>/packages/domain/src/index.ts',
    '^@parcours/domain/journey$': '<rootDir>/packages/domain/src/journey/index.ts',
    '^@parcours/domain/node-packages$': '<rootDir>/packages/domain/src/node-packages/index.ts',
  },
  testPathIgnorePatterns: ['/node_modules/', '/dist/', '/.next/'],
  // The studio's i18n runtime (use-intl and its message formatter) ships ES modules only.
  transformIgnorePatterns: ['/node_modules/(?!(use-intl|intl-messageformat|@formatjs|icu-minify)/)'],
};

module.exports = {
  projects: [
    {
      ...shared,
      displayName: 'unit',
      testMatch: [
        '<rootDir>/{packages,apps,examples}/*/src/**/*.test.ts',
        '<rootDir>/tests/static/**/*.test.ts',
      ],
      testPathIgnorePatterns: [...shared.testPathIgnorePatterns, '\\.it\\.test\\.ts$'],
    },
    {
      ...shared,
      displayName: 'integration',
      testMatch: ['<rootDir>/{apps/*/src,tests/integration}/**/*.it.test.ts'],
      globalSetup: '<rootDir>/tests/support/global-setup.mjs',
      globalTeardown: '<rootDir>/tests/support/global-teardown.mjs',
      setupFilesAfterEnv: ['<rootDir>/tests/support/long-timeout.ts'],
    },
    {
      ...shared,
      displayName: 'browser',
      testMatch: ['<rootDir>/tests/browser/**/*.test.ts'],
      globalSetup: '<rootDir>/tests/support/global-setup.mjs',
      globalTeardown: '<rootDir>/tests/support/global-teardown.mjs',
      setupFilesAfterEnv: ['<rootDir>/tests/support/long-timeout.ts'],
    },
  ],
};
