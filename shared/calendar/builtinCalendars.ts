import { type BusinessCalendar, type BusinessCalendarInput, type Holiday, businessCalendarSchema } from './calendarSchema';
import { datesBetween } from './calendarDates';

/**
 * Calendars every deployment has: round the clock, and Chinese office hours with the public holidays
 * and make-up working days (调休) of the State Council General Office (国务院办公厅) notices.
 */

const ROUND_THE_CLOCK = [{ start: '00:00', end: '24:00' }];
/** Continuous 09:00–18:00: the 5×9 service promise counts 9 business hours a day, lunch included. */
const OFFICE_HOURS = [{ start: '09:00', end: '18:00' }];

function holidaysFrom(first: string, last: string, name: string): Holiday[] {
  return datesBetween(first, last).map((date) => ({ date, name }));
}

const CHINESE_HOLIDAYS: Holiday[] = [
  ...holidaysFrom('2025-01-01', '2025-01-01', '元旦'),
  ...holidaysFrom('2025-01-28', '2025-02-04', '春节'),
  ...holidaysFrom('2025-04-04', '2025-04-06', '清明节'),
  ...holidaysFrom('2025-05-01', '2025-05-05', '劳动节'),
  ...holidaysFrom('2025-05-31', '2025-06-02', '端午节'),
  ...holidaysFrom('2025-10-01', '2025-10-08', '国庆节、中秋节'),
  ...holidaysFrom('2026-01-01', '2026-01-03', '元旦'),
  ...holidaysFrom('2026-02-15', '2026-02-23', '春节'),
  ...holidaysFrom('2026-04-04', '2026-04-06', '清明节'),
  ...holidaysFrom('2026-05-01', '2026-05-05', '劳动节'),
  ...holidaysFrom('2026-06-19', '2026-06-21', '端午节'),
  ...holidaysFrom('2026-09-25', '2026-09-27', '中秋节'),
  ...holidaysFrom('2026-10-01', '2026-10-07', '国庆节'),
];

const CHINESE_MAKE_UP_WORKDAYS = [
  { date: '2025-01-26', name: '春节调休' },
  { date: '2025-02-08', name: '春节调休' },
  { date: '2025-04-27', name: '劳动节调休' },
  { date: '2025-09-28', name: '国庆节、中秋节调休' },
  { date: '2025-10-11', name: '国庆节、中秋节调休' },
  { date: '2026-01-04', name: '元旦调休' },
  { date: '2026-02-14', name: '春节调休' },
  { date: '2026-02-28', name: '春节调休' },
  { date: '2026-05-09', name: '劳动节调休' },
  { date: '2026-09-20', name: '国庆节调休' },
  { date: '2026-10-10', name: '国庆节调休' },
];

const FIVE_BY_NINE: BusinessCalendarInput = {
  id: '5x9',
  name: '5×9 工作日 09:00–18:00',
  nameEn: '5×9 working days 09:00–18:00',
  timeZone: 'Asia/Shanghai',
  weekly: [[], OFFICE_HOURS, OFFICE_HOURS, OFFICE_HOURS, OFFICE_HOURS, OFFICE_HOURS, []],
  holidays: CHINESE_HOLIDAYS,
  workdays: CHINESE_MAKE_UP_WORKDAYS,
};

export const TWENTY_FOUR_SEVEN: BusinessCalendar = businessCalendarSchema.parse({
  id: '24x7',
  name: '7×24 全天候',
  nameEn: '7×24 round the clock',
  timeZone: 'UTC',
  weekly: Array.from({ length: 7 }, () => ROUND_THE_CLOCK),
});

export const FIVE_BY_NINE_SHANGHAI: BusinessCalendar = businessCalendarSchema.parse(FIVE_BY_NINE);

/** One object per zone, so that the compiled form of each is built once and shared. */
const fiveByNineByZone = new Map<string, BusinessCalendar>([[FIVE_BY_NINE_SHANGHAI.timeZone, FIVE_BY_NINE_SHANGHAI]]);

/** The 5×9 calendar on the wall clock of a service center's zone; throws on an unknown zone. */
export function fiveByNineIn(timeZone = 'Asia/Shanghai'): BusinessCalendar {
  let calendar = fiveByNineByZone.get(timeZone);
  if (!calendar) {
    calendar = businessCalendarSchema.parse({ ...FIVE_BY_NINE, timeZone });
    fiveByNineByZone.set(timeZone, calendar);
  }
  return calendar;
}

export const BUILTIN_CALENDARS: Readonly<Record<'24x7' | '5x9', BusinessCalendar>> = {
  '24x7': TWENTY_FOUR_SEVEN,
  '5x9': FIVE_BY_NINE_SHANGHAI,
};
