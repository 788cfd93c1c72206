/**
 * A bounce's delivery status (`5.1.1`, or an SMTP reply code `550`), kept
 * beside its failed recipients so the reader can say why delivery failed.
 */
export const deliveryStatusSchema = `
ALTER TABLE messages ADD COLUMN delivery_status text;
`;
