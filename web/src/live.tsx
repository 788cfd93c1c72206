import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import type { LiveChangeShape } from '../../src/api-shapes/live';

export type LiveTopic = LiveChangeShape['topic'];

/** How long notices gather before pages refetch: a sync's batches come in bursts. */
const gatherMs = 150;

type Versions = Readonly<Partial<Record<LiveTopic, number>>>;

const LiveContext = createContext<Versions>({});

/**
 * Listens to the server's change notices (`/api/events`) while signed in
 * and counts them per topic; a page that shows data of a topic refetches it
 * when its count moves. Notices name ids only: what a page then shows comes
 * from the read API, under the sharing rules.
 */
export function LiveProvider({ children }: { children: ReactNode }) {
  const [versions, setVersions] = useState<Versions>({});
  useEffect(() => {
    const source = new EventSource('/api/events');
    const heard = new Set<LiveTopic>();
    let timer: number | null = null;
    const flush = () => {
      timer = null;
      const topics = [...heard];
      heard.clear();
      setVersions((all) => {
        const next = { ...all };
        for (const topic of topics) next[topic] = (next[topic] ?? 0) + 1;
        return next;
      });
    };
    source.addEventListener('change', (event) => {
      const change = JSON.parse((event as MessageEvent<string>).data) as LiveChangeShape;
      heard.add(change.topic);
      timer ??= window.setTimeout(flush, gatherMs);
    });
    return () => {
      source.close();
      if (timer !== null) window.clearTimeout(timer);
    };
  }, []);
  return <LiveContext.Provider value={versions}>{children}</LiveContext.Provider>;
}

/** A number that moves whenever a notice of one of `topics` arrives. */
export function useLiveVersion(topics: readonly LiveTopic[] | undefined): number {
  const versions = useContext(LiveContext);
  return (topics ?? []).reduce((sum, topic) => sum + (versions[topic] ?? 0), 0);
}
