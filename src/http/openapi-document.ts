import { STATUS_CODES } from 'node:http';
import { errorCodesOf } from './errors.js';

interface Response {
  description?: string;
}
interface OpenApiDocument {
  paths?: Record<string, Record<string, { responses?: Record<string, Response> } | undefined>>;
  components?: { schemas?: Record<string, unknown> };
}

/** Fastify's placeholder for a response whose schema says nothing of itself. */
const placeholder = 'Default Response';

function describe(status: string): string {
  const phrase = STATUS_CODES[Number(status)] ?? status;
  const codes = errorCodesOf(Number(status));
  return codes.length ? `${phrase}: error ${codes.join(', ')}` : phrase;
}

/**
 * Drops the schemas nothing refers to: the type provider registers an input
 * twin of every named shape, and the error body is only ever an output.
 */
function withoutUnusedSchemas(document: OpenApiDocument): OpenApiDocument {
  const schemas = document.components?.schemas;
  if (!schemas) return document;
  const referenced = new Set<string>();
  const visit = (value: unknown) => {
    for (const match of JSON.stringify(value).matchAll(/"#\/components\/schemas\/([^"]+)"/g)) {
      const name = match[1]!;
      if (referenced.has(name)) continue;
      referenced.add(name);
      visit(schemas[name]);
    }
  };
  visit(document.paths);
  const kept = Object.fromEntries(Object.entries(schemas).filter(([name]) => referenced.has(name)));
  return { ...document, components: { ...document.components, schemas: kept } };
}

/**
 * The document as published: every response says what it is (the status's
 * phrase and, for errors, the codes it carries) and no schema stands unused.
 */
export function publishedDocument<Document extends object>(input: Document): Document {
  const document = input as OpenApiDocument;
  for (const operations of Object.values(document.paths ?? {})) {
    for (const operation of Object.values(operations)) {
      for (const [status, response] of Object.entries(operation?.responses ?? {})) {
        if (!response.description || response.description === placeholder) {
          response.description = describe(status);
        }
      }
    }
  }
  return withoutUnusedSchemas(document) as Document;
}
