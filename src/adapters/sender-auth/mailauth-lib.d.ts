// mailauth's own header parsers, which its index does not export: the slice used here.
declare module 'mailauth/lib/tools.js' {
  export function parseHeaders(block: Buffer): {
    parsed: { key: string | null; line: Buffer }[];
  };
}

declare module 'mailauth/lib/parse-dkim-headers.js' {
  export default function parseDkimHeaders(line: Buffer | string): { parsed?: unknown };
}
