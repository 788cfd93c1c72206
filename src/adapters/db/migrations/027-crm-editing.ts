/**
 * Records edited in Threadline are archived, never deleted: an archived
 * record drops out of matching and lists, while the mail filed on it and
 * the audit log keep pointing at it. A merged-away contact or account is
 * archived and names its survivor, so an old link or bookmark still leads
 * somewhere; a converted lead names the contact it became.
 */
export const crmEditingSchema = `
ALTER TABLE accounts ADD COLUMN archived_at timestamptz,
  ADD COLUMN merged_into_id uuid REFERENCES accounts(id) ON DELETE SET NULL;
ALTER TABLE contacts ADD COLUMN archived_at timestamptz,
  ADD COLUMN merged_into_id uuid REFERENCES contacts(id) ON DELETE SET NULL;
ALTER TABLE leads ADD COLUMN archived_at timestamptz,
  ADD COLUMN converted_contact_id uuid REFERENCES contacts(id) ON DELETE SET NULL;
ALTER TABLE deals ADD COLUMN archived_at timestamptz;
ALTER TABLE cases ADD COLUMN archived_at timestamptz;
CREATE INDEX thread_link_overrides_record ON thread_link_overrides (record_type, record_id);
`;
