/**
 * A contact's page says which of their addresses bounced: this index finds
 * the bounces that name an address among their failed recipients.
 */
export const bouncedAddressesSchema = `
CREATE INDEX messages_failed_recipients ON messages USING gin (failed_recipients)
  WHERE category = 'bounce';
`;
