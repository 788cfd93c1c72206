/**
 * A deal's currency and expected close date, as the CRM states them. A close
 * date, too, comes only from the CRM's `closed_at`: a value stored before
 * this migration is the time of the import that first saw the deal closed,
 * not when it closed, and the deal rule must not take it for one.
 */
export const dealDatesSchema = `
ALTER TABLE deals ADD COLUMN currency text, ADD COLUMN expected_close_at timestamptz;
UPDATE deals SET closed_at = NULL WHERE closed_at IS NOT NULL;
`;
