import { z } from 'zod';

/** Every message that travels on the JOBS queue. Consumers switch on `type`. */
export const jobMessage = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('purge-expired'),
    /** Epoch ms the cron run started; rows that expired before it are removed. */
    now: z.number().int(),
  }),
]);
export type JobMessage = z.infer<typeof jobMessage>;
