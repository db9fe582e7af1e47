// Programme reminders over an EpgStore.
export { openReminders } from './reminders.js';
export type {
  Reminder, Reminders, DueReminder, AddReminderOptions, AddReminderResult, OpenRemindersOptions,
} from './reminders.js';
