/** The review queue: where each user's queue starts, and what they decided per thread. */
export const reviewSchema = `
-- File & Clear moves the start of the queue: the next scan lists mail that arrived after it.
CREATE TABLE review_positions (
  user_id uuid PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
  cleared_at timestamptz NOT NULL
);

-- A thread leaves the user's queue once decided, until a message arrives after the decision.
CREATE TABLE review_decisions (
  user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  thread_id text NOT NULL,
  action text NOT NULL CHECK (action IN ('include', 'exclude', 'file')),
  decided_at timestamptz NOT NULL,
  PRIMARY KEY (user_id, thread_id)
);
`;
