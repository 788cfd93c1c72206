/**
 * Calendars and address books a user connects over CalDAV and CardDAV.
 *
 * `dav_sources` holds one collection each, with its credentials sealed, its
 * sync checkpoint (the sync-collection token, else the CTag) and its health
 * as the mailboxes show theirs: last sync, objects on the server against
 * objects handled, the last error in words.
 *
 * `dav_objects` is what the last sync saw of each object (href and ETag),
 * so an incremental sync fetches only what changed and a sync that stops
 * midway resumes without loss or duplicates: the checkpoint moves only once
 * every object of a pass is stored. An object that could not be read keeps
 * its reason in `error`. For address books, `contact_id` is the CRM contact
 * the card stands for and `base` the field values both sides last agreed on,
 * which tells a change made on the phone from one made in the CRM.
 *
 * Meetings booked in a calendar have no message: they name their source
 * instead, and one UID seen both ways stays one meeting. Contacts gain the
 * phone numbers and postal addresses an address book carries.
 */
export const davSourcesSchema = `
CREATE TABLE dav_sources (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  owner_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  kind text NOT NULL CHECK (kind IN ('caldav', 'carddav')),
  label text NOT NULL,
  url text NOT NULL,
  username text NOT NULL,
  credentials text NOT NULL,
  sync_token text,
  ctag text,
  last_sync_at timestamptz,
  last_success_at timestamptz,
  server_count int,
  handled_count int NOT NULL DEFAULT 0,
  failed_count int NOT NULL DEFAULT 0,
  state text NOT NULL DEFAULT 'connecting',
  state_code text,
  state_message text,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (owner_id, url)
);

CREATE TABLE dav_objects (
  source_id uuid NOT NULL REFERENCES dav_sources(id) ON DELETE CASCADE,
  href text NOT NULL,
  etag text NOT NULL,
  uid text,
  contact_id uuid REFERENCES contacts(id) ON DELETE SET NULL,
  base jsonb,
  error text,
  PRIMARY KEY (source_id, href)
);
CREATE INDEX dav_objects_contact ON dav_objects (contact_id) WHERE contact_id IS NOT NULL;
CREATE INDEX dav_objects_uid ON dav_objects (source_id, uid);

ALTER TABLE contacts
  ADD COLUMN phones jsonb NOT NULL DEFAULT '[]',
  ADD COLUMN postal_addresses jsonb NOT NULL DEFAULT '[]';

ALTER TABLE meetings
  ALTER COLUMN source_message_id DROP NOT NULL,
  ADD COLUMN source_dav_id uuid REFERENCES dav_sources(id) ON DELETE CASCADE,
  ADD CONSTRAINT meetings_have_a_source CHECK (source_message_id IS NOT NULL OR source_dav_id IS NOT NULL);
CREATE INDEX meetings_source_dav ON meetings (source_dav_id) WHERE source_dav_id IS NOT NULL;
`;
