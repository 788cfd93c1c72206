/** What the metrics endpoint reports, as read from the fleet's registry and mailboxes. */
export interface FleetMetrics {
  readonly workers: readonly {
    readonly name: string;
    readonly held: number;
    readonly connections: number;
    readonly queueDepth: number;
    readonly stored: number;
    readonly errors: Readonly<Record<string, number>>;
  }[];
  readonly mailboxes: readonly { readonly id: string; readonly lagSeconds: number | null }[];
}

/** A label value with backslash, quote and newline escaped, as the text format asks. */
const label = (value: string) =>
  value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');

function family(
  name: string,
  type: 'gauge' | 'counter',
  help: string,
  samples: readonly [Record<string, string>, number][],
): string {
  const lines = samples.map(([labels, value]) => {
    const text = Object.entries(labels)
      .map(([key, v]) => `${key}="${label(v)}"`)
      .join(',');
    return `${name}{${text}} ${value}`;
  });
  return [`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`, ...lines].join('\n');
}

/**
 * Sync metrics in the Prometheus text exposition format: lag per mailbox,
 * and per worker its queue, mailboxes, connections, and the messages stored
 * and errors by code since it started (counters).
 *
 * @example prometheusText({ workers: [], mailboxes: [{ id: 'm1', lagSeconds: 4 }] })
 * // '# HELP threadline_sync_lag_seconds …\nthreadline_sync_lag_seconds{mailbox="m1"} 4\n…'
 */
export function prometheusText(metrics: FleetMetrics): string {
  const perWorker = (pick: (worker: FleetMetrics['workers'][number]) => number) =>
    metrics.workers.map(
      (worker) => [{ worker: worker.name }, pick(worker)] as [Record<string, string>, number],
    );
  return `${[
    family(
      'threadline_sync_lag_seconds',
      'gauge',
      'Seconds since the slowest selected folder of the mailbox last synced.',
      metrics.mailboxes.flatMap((m) =>
        m.lagSeconds === null ? [] : [[{ mailbox: m.id }, m.lagSeconds]],
      ),
    ),
    family(
      'threadline_sync_queue_depth',
      'gauge',
      'Sync passes waiting to run.',
      perWorker((w) => w.queueDepth),
    ),
    family(
      'threadline_sync_mailboxes_held',
      'gauge',
      'Mailboxes the worker holds.',
      perWorker((w) => w.held),
    ),
    family(
      'threadline_sync_connections',
      'gauge',
      'IMAP connections the worker holds open.',
      perWorker((w) => w.connections),
    ),
    family(
      'threadline_messages_stored_total',
      'counter',
      'Messages stored by the worker since it started.',
      perWorker((w) => w.stored),
    ),
    family(
      'threadline_sync_errors_total',
      'counter',
      'Sync errors by code since the worker started.',
      metrics.workers.flatMap((w) =>
        Object.entries(w.errors).map(
          ([code, count]) => [{ worker: w.name, code }, count] as [Record<string, string>, number],
        ),
      ),
    ),
  ].join('\n')}\n`;
}
