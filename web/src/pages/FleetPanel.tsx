import type { Fleet } from '../api';
import { ErrorText, Loading, RecordTable, Section, type Column } from '../components/ui';
import { connectionProblem, durationWords, formatDateTime } from '../mail-words';
import { useInterval, useResource } from '../use-resource';

type Worker = Fleet['workers'][number];
type HeldMailbox = Fleet['mailboxes'][number];

/** Workers beat every few seconds: a faster refresh would show nothing new. */
const pollMs = 5000;

const lagWords = (seconds: number | null) =>
  seconds === null ? 'Not synced yet' : durationWords(seconds);

const workerColumns: Column<Worker & { id: string }>[] = [
  { header: 'Worker', cell: (worker) => worker.name },
  { header: 'Host', cell: (worker) => worker.host },
  { header: 'PID', cell: (worker) => worker.pid },
  { header: 'Started', cell: (worker) => formatDateTime(worker.startedAt) },
  {
    header: 'Last heartbeat',
    cell: (worker) =>
      `${worker.heartbeatAgeSeconds} s ago${worker.alive ? '' : ' (not responding)'}`,
  },
  { header: 'Mailboxes', cell: (worker) => `${worker.held} of at most ${worker.maxMailboxes}` },
  { header: 'IMAP connections', cell: (worker) => worker.connections },
  { header: 'Memory', cell: (worker) => `${worker.rssMb} MB of ${worker.maxRssMb} MB` },
  { header: 'Worst lag', cell: (worker) => (worker.held === 0 ? '' : lagWords(worker.lagSeconds)) },
];

const mailboxColumns: Column<HeldMailbox>[] = [
  { header: 'Mailbox', cell: (mailbox) => `${mailbox.label} (${mailbox.ownerEmail})` },
  { header: 'Held by', cell: (mailbox) => mailbox.holder ?? 'No worker' },
  { header: 'State', cell: (mailbox) => mailbox.state },
  { header: 'Lag', cell: (mailbox) => lagWords(mailbox.lagSeconds) },
  {
    header: 'Last error',
    cell: (mailbox) =>
      mailbox.errorCode ? (
        <span title={connectionProblem(mailbox.errorCode).title}>{mailbox.errorCode}</span>
      ) : (
        ''
      ),
  },
];

/**
 * The sync workers (`threadline worker`) for admins, refreshed every few
 * seconds: what each holds and spends, and which worker holds each mailbox.
 */
export function FleetPanel() {
  const fleet = useResource<Fleet>('/api/fleet');
  useInterval(fleet.reload, pollMs);
  const data = fleet.data;
  return (
    <Section title="Sync workers">
      <ErrorText message={fleet.error} />
      {data ? <FleetTables fleet={data} /> : fleet.error ? null : <Loading />}
    </Section>
  );
}

function FleetTables({ fleet }: { fleet: Fleet }) {
  if (fleet.workers.length === 0 && fleet.syncInServer) {
    return (
      <p className="muted">
        This server syncs every mailbox itself; no separate workers are running.
      </p>
    );
  }
  const unheld = fleet.mailboxes.filter((mailbox) => mailbox.holder === null).length;
  return (
    <>
      <RecordTable
        caption="Sync workers"
        columns={workerColumns}
        items={fleet.workers.map((worker) => ({ ...worker, id: worker.name }))}
        empty="No sync worker is running: mailboxes are not synced until one is started with “threadline worker”."
      />
      <h3>Mailboxes</h3>
      {unheld > 0 && fleet.workers.length > 0 ? (
        <p className="muted">
          Held by no worker: {unheld === 1 ? 'one mailbox' : `${unheld} mailboxes`}. A worker takes
          a free mailbox at its next heartbeat while its budget has room.
        </p>
      ) : null}
      <RecordTable
        caption="Mailboxes and the worker holding each"
        columns={mailboxColumns}
        items={fleet.mailboxes}
        empty="No IMAP mailbox is connected."
      />
    </>
  );
}
