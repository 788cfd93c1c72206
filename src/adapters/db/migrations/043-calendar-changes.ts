/**
 * Response times are working time in the rep's calendar: their working
 * hours and time zone, and the organisation's holidays. A change to either
 * alters the response time of every answer counted for that rep (hours) or
 * for everyone (holidays), and marking them all stale while the change is
 * written could take a long time. The triggers only note the change in
 * `report_calendar_changes`, one row per scope (a user's id, or '*' for
 * everyone); the aggregate refresher walks each scope's responses in
 * batches, by message id from `after_message`, marking them stale. A
 * change made while a walk is under way starts it again (`generation`): a
 * batch computed with the calendars read before it would otherwise stand.
 */
export const calendarChangesSchema = `
CREATE TABLE report_calendar_changes (
  scope text PRIMARY KEY,
  generation bigint NOT NULL DEFAULT 1,
  after_message uuid,
  changed_at timestamptz NOT NULL DEFAULT clock_timestamp()
);

-- A rep's answers, walked in message order.
CREATE INDEX report_facts_rep_responses ON report_facts (rep_id, message_id)
  WHERE response_side IS NOT NULL;

CREATE FUNCTION report_note_calendar_change(scopes text[]) RETURNS void LANGUAGE sql AS $$
  INSERT INTO report_calendar_changes (scope)
  SELECT DISTINCT s FROM unnest(scopes) AS s
  ON CONFLICT (scope) DO UPDATE SET generation = report_calendar_changes.generation + 1,
    after_message = NULL, changed_at = clock_timestamp();
$$;

CREATE FUNCTION report_mark_working_hours() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM report_note_calendar_change(ARRAY(SELECT c.user_id::text FROM changed c));
  RETURN NULL;
END $$;

-- Only a change the calendar reads: the same hours written again change nothing.
CREATE FUNCTION report_mark_changed_working_hours() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM report_note_calendar_change(ARRAY(
    SELECT c.user_id::text FROM changed c JOIN before b ON b.user_id = c.user_id
    WHERE (b.time_zone, b.days, b.start_minute, b.end_minute)
      IS DISTINCT FROM (c.time_zone, c.days, c.start_minute, c.end_minute)));
  RETURN NULL;
END $$;

CREATE FUNCTION report_mark_holidays() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM changed) THEN
    PERFORM report_note_calendar_change(ARRAY['*']);
  END IF;
  RETURN NULL;
END $$;

-- Renaming a holiday moves no working time.
CREATE FUNCTION report_mark_moved_holidays() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM changed c WHERE c.day NOT IN (SELECT b.day FROM before b)) THEN
    PERFORM report_note_calendar_change(ARRAY['*']);
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER report_working_hours_inserted AFTER INSERT ON working_hours
  REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION report_mark_working_hours();
CREATE TRIGGER report_working_hours_updated AFTER UPDATE ON working_hours
  REFERENCING OLD TABLE AS before NEW TABLE AS changed
  FOR EACH STATEMENT EXECUTE FUNCTION report_mark_changed_working_hours();
CREATE TRIGGER report_working_hours_deleted AFTER DELETE ON working_hours
  REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION report_mark_working_hours();
CREATE TRIGGER report_holidays_inserted AFTER INSERT ON holidays
  REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION report_mark_holidays();
CREATE TRIGGER report_holidays_updated AFTER UPDATE ON holidays
  REFERENCING OLD TABLE AS before NEW TABLE AS changed
  FOR EACH STATEMENT EXECUTE FUNCTION report_mark_moved_holidays();
CREATE TRIGGER report_holidays_deleted AFTER DELETE ON holidays
  REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION report_mark_holidays();
`;
