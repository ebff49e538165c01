import type { AppModule } from '../../module';
import { calendarRoutes } from './routes';

/** Business calendars, the service-level clock engine, holidays, on-call rosters. */
export const calendarsModule: AppModule = { name: 'calendars', routes: calendarRoutes };

export type { CalendarTables } from './tables';
export type { CompiledCalendar } from './clock';
export * as schemas from './schemas';
export * as oncallSchemas from './oncall-schemas';
export {
  businessSeconds,
  compileCalendar,
  deadline,
  deadlineWithPauses,
  elapsedBusinessSeconds,
  isOpenAt,
  localDateOf,
  nextBusinessDayEnd,
  weeklyOpeningSeconds,
} from './clock';
export type { CalendarDefinition, Pause } from './clock';
export { seedCalendars } from './demo';
export { loadCalendar, loadCommuneCalendar } from './service';
