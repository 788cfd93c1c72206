import { useState } from 'react';
import { apiRequest, errorMessage, type ThreadMessages } from '../api';
import { ErrorText } from '../components/ui';
import { Compose } from './Compose';
import type { AnswerMode } from './draft';

const modeWords: Record<AnswerMode, string> = {
  reply: 'Reply',
  replyAll: 'Reply all',
  forward: 'Forward',
};

/** Reply, reply all and forward of one stored message, each opening the compose form. */
export function AnswerActions(props: { messageId: string; subject: string }) {
  const [mode, setMode] = useState<AnswerMode | null>(null);
  return (
    <div className="answer-actions">
      <div className="actions">
        {(Object.keys(modeWords) as AnswerMode[]).map((each) => (
          <button key={each} type="button" onClick={() => setMode(each)}>
            {modeWords[each]}
          </button>
        ))}
      </div>
      {mode ? (
        <Compose
          key={mode}
          title={`${modeWords[mode]}: ${props.subject || '(no subject)'}`}
          context={{ record: null, answer: { messageId: props.messageId, mode } }}
          onClose={() => setMode(null)}
        />
      ) : null}
    </div>
  );
}

/**
 * Answers a thread from a list (the sales inbox, the review queue): the
 * answer goes to the thread's latest message the user may read.
 */
export function ThreadAnswer(props: { threadId: string; subject: string }) {
  const [latest, setLatest] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function open() {
    setError(null);
    try {
      const thread = await apiRequest<ThreadMessages>(
        `/api/threads/${encodeURIComponent(props.threadId)}/messages`,
      );
      const last = thread.messages.at(-1);
      if (!last) throw new Error('This thread has no message you can answer');
      setLatest(last.id);
    } catch (failure) {
      setError(errorMessage(failure));
    }
  }

  if (latest) return <AnswerActions messageId={latest} subject={props.subject} />;
  return (
    <>
      <button type="button" onClick={() => void open()}>
        Answer…
      </button>
      <ErrorText message={error} />
    </>
  );
}
