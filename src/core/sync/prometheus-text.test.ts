import { describe, expect, it } from 'vitest';
import { prometheusText } from './prometheus-text.js';

describe('sync metrics in the Prometheus text format', () => {
  const text = prometheusText({
    workers: [
      {
        name: 'worker:a"1',
        held: 3,
        connections: 3,
        queueDepth: 1,
        stored: 120,
        errors: { TIMEOUT: 2 },
      },
    ],
    mailboxes: [
      { id: 'm1', lagSeconds: 4 },
      { id: 'm2', lagSeconds: null },
    ],
  });

  it('declares each family once with its type, and one sample per series', () => {
    expect(text.match(/^# TYPE /gm)).toHaveLength(6);
    expect(text).toContain('# TYPE threadline_messages_stored_total counter');
    expect(text).toContain('threadline_sync_lag_seconds{mailbox="m1"} 4\n');
    expect(text).toContain(
      'threadline_sync_errors_total{worker="worker:a\\"1",code="TIMEOUT"} 2\n',
    );
    expect(text.endsWith('\n')).toBe(true);
  });

  it('leaves out the lag of a mailbox that never synced', () => {
    expect(text).not.toContain('mailbox="m2"');
  });
});
