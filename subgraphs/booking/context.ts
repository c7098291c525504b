import type DataLoader from 'dataloader';
import type { RequestContext } from '../../lib/auth';
import type { CalendarFeeds } from './calendar';
import type { ClosureService } from './closures';
import type { SeriesRow, WaitlistRow } from './scheduleStore';
import type { SeriesService } from './series';
import type { BookingService } from './service';
import type { BookingFilter, BookingRow, RoomRow } from './store';
import type { WaitlistService } from './waitlist';

/** The services of this subgraph, built once at start-up. */
export interface BookingServices {
  core: BookingService;
  series: SeriesService;
  waitlist: WaitlistService;
  closures: ClosureService;
  calendar: CalendarFeeds;
}

/** The request context of the booking subgraph: the verified caller plus this request's loaders. */
export interface BookingContext extends RequestContext {
  service: BookingService;
  services: BookingServices;
  roomById: DataLoader<string, RoomRow | null>;
  bookingById: DataLoader<string, BookingRow | null>;
  seriesById: DataLoader<string, SeriesRow | null>;
  waitlistById: DataLoader<string, WaitlistRow | null>;
  bookingsOfSeries: DataLoader<string, BookingRow[]>;
  roomOutOfService: DataLoader<string, boolean>;
  /** Calendar feed versions, keyed `kind:id`. */
  feedVersion: DataLoader<string, number>;
  /** One batch loader per distinct (status, limit, offset) of `User.bookings`. */
  bookingsOfUsers(filter: Omit<BookingFilter, 'userId'>): DataLoader<string, BookingRow[]>;
}

export function createBookingContext(base: RequestContext, services: BookingServices): BookingContext {
  const service = services.core;
  const { store, schedule } = service;
  const userBookingLoaders = new Map<string, DataLoader<string, BookingRow[]>>();
  return {
    ...base,
    service,
    services,
    roomById: store.createRoomLoader(),
    bookingById: store.createBookingLoader(),
    seriesById: schedule.createSeriesLoader(),
    waitlistById: schedule.createWaitlistLoader(),
    bookingsOfSeries: schedule.createSeriesBookingsLoader(),
    roomOutOfService: schedule.createOutOfServiceLoader(),
    feedVersion: schedule.createFeedVersionLoader(),
    bookingsOfUsers(filter) {
      const key = `${filter.status ?? ''}|${filter.limit}|${filter.offset}`;
      let loader = userBookingLoaders.get(key);
      if (!loader) userBookingLoaders.set(key, (loader = store.createUserBookingsLoader(filter)));
      return loader;
    },
  };
}
