import { serveRequests } from '../../adapters/threads/serve-requests.js';
import { readBody, type BodyFacts } from '../../core/rules/message-facts.js';
import type { BodyJob } from './body-reader.js';

/** One thread of the body reader: bodies in, their facts out. */
serveRequests((jobs: readonly BodyJob[]): BodyFacts[] =>
  jobs.map((job) => readBody(job, job.read)),
);
