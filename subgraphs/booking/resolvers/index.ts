import { DateTimeScalar } from '../../../lib/scalars';
import type { Resolvers } from '../__generated__/resolvers-types';
import { Booking } from './Booking';
import { BookingSeries, BookingSeriesResult } from './BookingSeries';
import { Closure } from './Closure';
import { WaitlistEntry } from './WaitlistEntry';
import { Mutation } from './Mutation';
import { Query } from './Query';
import { Room } from './Room';
import { User } from './User';

export const resolvers: Resolvers = {
  DateTime: DateTimeScalar,
  Query,
  Mutation,
  Booking,
  BookingSeries,
  BookingSeriesResult,
  Closure,
  WaitlistEntry,
  Room,
  User,
};
