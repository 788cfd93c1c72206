/**
 * The rule pass reads stored mail in (created_at, id) order from each
 * rule's cursor: an index makes each batch a range read instead of a sort
 * of all mail. A rule's conditions all hold, or any one of them; a team
 * names its manager.
 */
export const rulePassAndTeamsSchema = `
CREATE INDEX messages_created ON messages (created_at, id);
ALTER TABLE workflow_rules ADD COLUMN condition_match text NOT NULL DEFAULT 'all'
  CHECK (condition_match IN ('all', 'any'));
ALTER TABLE teams ADD COLUMN manager_id uuid REFERENCES users(id) ON DELETE SET NULL;
`;
