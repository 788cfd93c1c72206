import { z } from 'zod';

/** A team as created or edited: its members in round-robin order. */
export const teamInput = z.object({
  name: z.string().trim().min(1).max(200),
  managerId: z.guid().nullable().default(null),
  memberIds: z.array(z.guid()).max(500),
});

export const team = teamInput.extend({ id: z.string() });
export type TeamView = z.input<typeof team>;

/** A user's working week: days 1 (Monday) to 7 (Sunday), from and to a minute of the day, in a time zone. */
export const workingHoursInput = z
  .object({
    timeZone: z.string().min(1).max(100),
    days: z.array(z.number().int().min(1).max(7)).max(7),
    startMinute: z.number().int().min(0).max(1440),
    endMinute: z.number().int().min(0).max(1440),
  })
  .refine((hours) => hours.endMinute > hours.startMinute, {
    message: 'Working hours must end after they start',
    path: ['endMinute'],
  });

export const workingHours = z.object({
  userId: z.string(),
  timeZone: z.string(),
  days: z.array(z.number()),
  startMinute: z.number(),
  endMinute: z.number(),
});
export type WorkingHoursView = z.input<typeof workingHours>;

export const holiday = z.object({ day: z.string(), name: z.string() });
export type HolidayView = z.input<typeof holiday>;

export const holidayDay = z.object({
  day: z.iso.date({ message: 'a day as YYYY-MM-DD' }),
});
