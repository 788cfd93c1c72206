// node-postgres ships no types for its utilities module; inline-parameters.ts states the one function it uses.
declare module 'pg/lib/utils.js' {
  const utils: unknown;
  export default utils;
}
