/**
 * The direction of dependency (`npm run check:deps`, part of `npm test`):
 * core <- adapters <- services <- app <- commands <- http <- cli, each
 * importing only to its left, and routes reaching past services only through
 * the server module. Rules name what may not be imported; tests beside the
 * code are held only to the no-cycle rule, since they build whole set-ups.
 */
const notTests = '\\.test\\.ts$';

/** The server modules: they wire the routes to the app's services, so they alone in http see the app. */
const serverComposition = '^src/http/(start-server|api-routes)\\.ts$';

/**
 * Contracts a service declares and an adapter implements: an adapter may
 * import their types, nothing else of services.
 */
const contracts = '^src/services/sync/mail-source\\.ts$';

/** Node modules a pure function may use: hashing, URL and text helpers, no I/O. */
const pureBuiltins = '^(node:)?(crypto|url|util|buffer|assert)$';

module.exports = {
  forbidden: [
    {
      name: 'no-cycle',
      comment: 'An import cycle: modules that must be loaded and understood together.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'resolvable',
      comment: 'An import the checker cannot resolve would hide its edge from every other rule.',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
    {
      name: 'core-imports-core',
      comment: 'src/core is pure: it imports nothing of ours outside src/core.',
      severity: 'error',
      from: { path: '^src/core/', pathNot: notTests },
      to: { path: '^(src|web|bench|test)/', pathNot: '^src/core/' },
    },
    {
      name: 'core-without-io',
      comment:
        'src/core does no I/O: no Node module that reaches files, network, processes or time.',
      severity: 'error',
      from: { path: '^src/core/', pathNot: notTests },
      to: { dependencyTypes: ['core'], pathNot: pureBuiltins },
    },
    {
      name: 'adapters-below-services',
      comment: 'Adapters implement what services need; they never call back up.',
      severity: 'error',
      from: { path: '^src/adapters/', pathNot: notTests },
      to: { path: '^src/(services|http|cli|commands|app)/', pathNot: contracts },
    },
    {
      name: 'adapters-implement-contracts',
      comment: 'An adapter takes only the types of the contract it implements.',
      severity: 'error',
      from: { path: '^src/adapters/', pathNot: notTests },
      to: { path: contracts, dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'services-below-interfaces',
      comment:
        'Services are called by the HTTP API, the CLI and its commands; they never call them.',
      severity: 'error',
      from: { path: '^src/services/', pathNot: notTests },
      to: { path: '^src/(http|cli|commands|app)/' },
    },
    {
      name: 'app-below-interfaces',
      comment:
        'The app opens adapters and builds services; the interfaces call it, never the reverse.',
      severity: 'error',
      from: { path: '^src/app/', pathNot: notTests },
      to: { path: '^src/(http|cli|commands)/' },
    },
    {
      name: 'http-reaches-services',
      comment: 'Routes call services; the server module hands them the app’s services.',
      severity: 'error',
      from: { path: '^src/http/', pathNot: [notTests, serverComposition] },
      to: { path: '^src/(adapters|app)/' },
    },
    {
      name: 'http-below-cli',
      comment: 'The CLI starts the server and calls its API; the server never imports the CLI.',
      severity: 'error',
      from: { path: '^src/http/', pathNot: notTests },
      to: { path: '^src/cli/' },
    },
    {
      name: 'commands-below-interfaces',
      comment: 'The data commands run in the CLI and behind one HTTP route; they import neither.',
      severity: 'error',
      from: { path: '^src/commands/', pathNot: notTests },
      to: { path: '^src/(http|cli)/' },
    },
    {
      name: 'api-shapes-are-declarations',
      comment:
        'The API’s shapes are shared with the web app: zod and the core’s vocabulary, nothing that runs on the server.',
      severity: 'error',
      from: { path: '^src/api-shapes/', pathNot: notTests },
      to: { path: '^src/(adapters|services|http|cli|commands|app|config)/' },
    },
    {
      name: 'api-shapes-without-node',
      comment: 'The web app bundles what it imports from the API’s shapes: no Node module.',
      severity: 'error',
      from: { path: '^src/api-shapes/', pathNot: notTests },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'web-talks-to-the-api',
      comment:
        'The web app may share the API’s declarations (core, api-shapes), never the server’s workings.',
      severity: 'error',
      from: { path: '^web/src/' },
      to: { path: '^src/(adapters|services|cli|commands|app|config)/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
    },
  },
};
