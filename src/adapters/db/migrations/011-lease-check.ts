import { leaseLostCode } from '../database-errors.js';

/**
 * A checkpoint moves only while its worker holds the mailbox's lease. It is
 * sent with the batch's other statements in one go (Database.atomically),
 * so this process cannot look at its result and roll back in between: the
 * statement itself fails, with its own SQLSTATE, and takes the whole batch
 * back with it.
 */
export const leaseCheckSchema = `
CREATE OR REPLACE FUNCTION require_lease(held boolean) RETURNS boolean
LANGUAGE plpgsql AS $$
BEGIN
  IF held IS NOT TRUE THEN
    RAISE EXCEPTION 'the mailbox''s lease is held by another worker' USING ERRCODE = '${leaseLostCode}';
  END IF;
  RETURN true;
END $$;
`;
