import { describe, expect, it } from 'vitest';
import { workerHealth } from './fleet-health.js';

const at = (seconds: number) => new Date(Date.UTC(2026, 0, 1) + seconds * 1000);

describe('fleet health', () => {
  const workers = [
    { name: 'a', heartbeatAt: at(95), held: 2, connections: 2 },
    { name: 'b', heartbeatAt: at(60), held: 1, connections: 0 },
  ];

  it('gives each worker its worst mailbox’s lag and tells a silent one dead', () => {
    const mailboxes = [
      { id: 'm1', holder: 'a', lastSuccessAt: at(90) },
      { id: 'm2', holder: 'a', lastSuccessAt: at(40) },
      { id: 'm3', holder: 'b', lastSuccessAt: null },
      { id: 'm4', holder: null, lastSuccessAt: at(0) },
    ];
    expect(workerHealth(workers, mailboxes, at(100), 15)).toEqual([
      { name: 'a', alive: true, heartbeatAgeSeconds: 5, held: 2, connections: 2, lagSeconds: 60 },
      {
        name: 'b',
        alive: false,
        heartbeatAgeSeconds: 40,
        held: 1,
        connections: 0,
        lagSeconds: null,
      },
    ]);
  });

  it('reads no lag for a worker holding nothing', () => {
    expect(workerHealth(workers.slice(0, 1), [], at(100), 15)[0]!.lagSeconds).toBe(0);
  });
});
