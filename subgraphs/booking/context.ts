import type DataLoader from 'dataloader';
import type { RequestContext } from '../../lib/auth';
import type { BookingService } from './service';
import type { BookingFilter, BookingRow, RoomRow } from './store';

/** The request context of the booking subgraph: the verified caller plus this request's loaders. */
export interface BookingContext extends RequestContext {
  service: BookingService;
  roomById: DataLoader<string, RoomRow | null>;
  bookingById: DataLoader<string, BookingRow | null>;
  /** One batch loader per distinct (status, limit, offset) of `User.bookings`. */
  bookingsOfUsers(filter: Omit<BookingFilter, 'userId'>): DataLoader<string, BookingRow[]>;
}

export function createBookingContext(base: RequestContext, service: BookingService): BookingContext {
  const userBookingLoaders = new Map<string, DataLoader<string, BookingRow[]>>();
  return {
    ...base,
    service,
    roomById: service.store.createRoomLoader(),
    bookingById: service.store.createBookingLoader(),
    bookingsOfUsers(filter) {
      const key = `${filter.status ?? ''}|${filter.limit}|${filter.offset}`;
      let loader = userBookingLoaders.get(key);
      if (!loader) userBookingLoaders.set(key, (loader = service.store.createUserBookingsLoader(filter)));
      return loader;
    },
  };
}
