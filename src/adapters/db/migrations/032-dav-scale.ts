/**
 * Address books at ten thousand contacts, and DAV sign-in through a mailbox.
 *
 * Each contact carries `card_version`, drawn from one sequence whenever a
 * field its card shows changes (names, title, numbers, postal addresses, or
 * any of its e-mail addresses). An address book remembers in
 * `cards_version` the highest version it had written at its last pass, so
 * the next pass compares only the contacts changed since, by index, instead
 * of every contact's card.
 *
 * A calendar or address book may sign in with the OAuth grant of one of its
 * owner's mailboxes (`mailbox_id`) instead of a password: it then has no
 * credentials of its own, and goes when the mailbox goes.
 */
export const davScaleSchema = `
CREATE SEQUENCE contact_card_versions;
ALTER TABLE contacts ADD COLUMN card_version bigint NOT NULL DEFAULT nextval('contact_card_versions');
CREATE INDEX contacts_card_version ON contacts (card_version);

CREATE OR REPLACE FUNCTION contact_card_changed() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF (NEW.first_name, NEW.last_name, NEW.title, NEW.phones, NEW.postal_addresses)
     IS DISTINCT FROM (OLD.first_name, OLD.last_name, OLD.title, OLD.phones, OLD.postal_addresses) THEN
    NEW.card_version := nextval('contact_card_versions');
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER contacts_card_version BEFORE UPDATE ON contacts
  FOR EACH ROW EXECUTE FUNCTION contact_card_changed();

CREATE OR REPLACE FUNCTION contact_email_changed() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'INSERT' THEN
    UPDATE contacts SET card_version = nextval('contact_card_versions') WHERE id = OLD.contact_id;
  END IF;
  IF TG_OP <> 'DELETE' THEN
    UPDATE contacts SET card_version = nextval('contact_card_versions') WHERE id = NEW.contact_id;
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER contact_emails_card_version AFTER INSERT OR UPDATE OR DELETE ON contact_emails
  FOR EACH ROW EXECUTE FUNCTION contact_email_changed();

ALTER TABLE dav_sources
  ADD COLUMN cards_version bigint NOT NULL DEFAULT 0,
  ADD COLUMN mailbox_id uuid REFERENCES mailboxes(id) ON DELETE CASCADE,
  ALTER COLUMN credentials DROP NOT NULL,
  ADD CONSTRAINT dav_sources_sign_in CHECK ((credentials IS NULL) <> (mailbox_id IS NULL));
CREATE INDEX dav_objects_orphans ON dav_objects (source_id) WHERE contact_id IS NULL AND base IS NOT NULL;
`;
