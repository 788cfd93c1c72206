/** People who asked not to be tracked, organisation-wide. */
export const privacySchema = `
-- Fed into the directory as organisation block-list entries, so the decision
-- core blocks their mail without knowing this table exists.
CREATE TABLE do_not_track (
  address text PRIMARY KEY,
  created_by uuid,
  created_at timestamptz NOT NULL DEFAULT now()
);
`;
