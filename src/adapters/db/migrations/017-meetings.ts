/**
 * Meetings carried by mail. Each message keeps the calendar objects it
 * carried (`messages.meetings`, as `threadline meetings parse` prints them,
 * for the export). `meetings` holds each meeting's current state, one row per
 * UID and occurrence (`recurrence_id` '' for the event or series itself),
 * from the message whose version it shows (`source_message_id`): a later
 * invitation with a higher SEQUENCE replaces it, a reply sets one attendee's
 * status, a cancellation marks it cancelled. It goes with that message, so
 * erasing or expiring the mail leaves no meeting behind.
 */
export const meetingsSchema = `
ALTER TABLE messages ADD COLUMN meetings jsonb;

CREATE TABLE meetings (
  uid text NOT NULL,
  recurrence_id text NOT NULL DEFAULT '',
  sequence int NOT NULL,
  method text,
  status text,
  all_day boolean NOT NULL,
  -- An instant (2026-03-04T13:00:00Z), or a date for all-day events.
  starts text,
  ends text,
  time_zone text,
  summary text,
  location text,
  online_url text,
  organizer text,
  rrule text,
  source_message_id uuid NOT NULL REFERENCES messages(id) ON DELETE CASCADE,
  PRIMARY KEY (uid, recurrence_id)
);
CREATE INDEX meetings_source ON meetings (source_message_id);

CREATE TABLE meeting_attendees (
  uid text NOT NULL,
  recurrence_id text NOT NULL,
  email text NOT NULL,
  name text,
  role text,
  partstat text,
  PRIMARY KEY (uid, recurrence_id, email),
  FOREIGN KEY (uid, recurrence_id) REFERENCES meetings (uid, recurrence_id) ON DELETE CASCADE
);
CREATE INDEX meeting_attendees_email ON meeting_attendees (email);
`;
