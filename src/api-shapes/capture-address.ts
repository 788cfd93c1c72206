import { z } from 'zod';

/** The signed-in user's capture address; both null when the server receives no mail. */
export const captureAddressView = z.object({
  address: z
    .string()
    .nullable()
    .describe('BCC or forward mail here to file it: log+<secret>@ the capture domain'),
  domain: z.string().nullable().describe('The capture domain the admin configured'),
});

export type CaptureAddressView = z.infer<typeof captureAddressView>;
