import type { GraphQLResolveInfo, GraphQLScalarType, GraphQLScalarTypeConfig } from 'graphql';
import type { RoomRow, BookingRow, UserReference, SeriesRow, SeriesResult, WaitlistRow, ClosureRow } from '../store';
import type { SlotDefinition } from '../slots';
import type { BookingContext } from '../context';
export type Maybe<T> = T | null;
export type InputMaybe<T> = Maybe<T>;
export type RequireFields<T, K extends keyof T> = Omit<T, K> & { [P in K]-?: NonNullable<T[P]> };
/** All built-in and custom scalars, mapped to their actual values */
export type Scalars = {
  ID: { input: string; output: string; }
  String: { input: string; output: string; }
  Boolean: { input: boolean; output: boolean; }
  Int: { input: number; output: number; }
  Float: { input: number; output: number; }
  /** An ISO-8601 date and time in UTC, e.g. 2026-11-25T09:30:00.000Z. */
  DateTime: { input: Date | string; output: Date | string; }
  _FieldSet: { input: unknown; output: unknown; }
};

export type Booking = {
  __typename?: 'Booking';
  /** When it was cancelled; null while ACTIVE. */
  cancelledAt?: Maybe<Scalars['DateTime']['output']>;
  /** When its holder checked in; null until then. */
  checkedInAt?: Maybe<Scalars['DateTime']['output']>;
  createdAt: Scalars['DateTime']['output'];
  /** `YYYY-MM-DD`, campus calendar. */
  date: Scalars['String']['output'];
  id: Scalars['ID']['output'];
  room: Room;
  /** The weekly series it belongs to, if any. */
  series?: Maybe<BookingSeries>;
  status: BookingStatus;
  /** A slot label such as `08:00-10:00`. */
  timeSlot: Scalars['String']['output'];
  /** The person who booked. */
  user: User;
};

/** A weekly booking of one room and slot, made by FACULTY. */
export type BookingSeries = {
  __typename?: 'BookingSeries';
  /** Its bookings (every status), oldest date first. */
  bookings: Array<Booking>;
  id: Scalars['ID']['output'];
  room: Room;
  /** The first date asked for (`YYYY-MM-DD`). */
  startDate: Scalars['String']['output'];
  /** ACTIVE, or CANCELLED once cancelled (by hand, or after three releases in a row). */
  status: BookingStatus;
  timeSlot: Scalars['String']['output'];
  user: User;
  /** 1-26. */
  weeks: Scalars['Int']['output'];
};

export type BookingSeriesResult = {
  __typename?: 'BookingSeriesResult';
  booked: Array<Booking>;
  /** Null only when nothing could be booked. */
  series?: Maybe<BookingSeries>;
  /** Dates not booked because the slot was taken, closed, or the caller held another room then. */
  skippedDates: Array<Scalars['String']['output']>;
};

export type BookingStatus =
  | 'ACTIVE'
  | 'CANCELLED'
  /** Not checked in in time: the slot went to the waitlist or became free. */
  | 'RELEASED';

export type CacheControlScope =
  | 'PRIVATE'
  | 'PUBLIC';

/** Rooms (one, or every room) closed for a date range, for some slots or all day. */
export type Closure = {
  __typename?: 'Closure';
  createdBy: User;
  endDate: Scalars['String']['output'];
  id: Scalars['ID']['output'];
  reason: Scalars['String']['output'];
  /** Null: every room. */
  room?: Maybe<Room>;
  startDate: Scalars['String']['output'];
  /** Null: the whole day. */
  timeSlots?: Maybe<Array<Scalars['String']['output']>>;
};

export type ClosureInput = {
  endDate: Scalars['String']['input'];
  /** 1-200 characters; told to everyone refused or cancelled. */
  reason: Scalars['String']['input'];
  /** Leave out to close every room. */
  roomId?: InputMaybe<Scalars['ID']['input']>;
  startDate: Scalars['String']['input'];
  /** Leave out to close whole days. */
  timeSlots?: InputMaybe<Array<Scalars['String']['input']>>;
};

export type CreateBookingInput = {
  /** `YYYY-MM-DD`: today or up to BOOKING_HORIZON_DAYS (365) ahead. */
  date: Scalars['String']['input'];
  roomId: Scalars['ID']['input'];
  /** One of the labels of `timeSlots`. */
  timeSlot: Scalars['String']['input'];
};

export type CreateBookingSeriesInput = {
  /** Book nothing unless every date can be booked. Default false. */
  allOrNothing?: InputMaybe<Scalars['Boolean']['input']>;
  roomId: Scalars['ID']['input'];
  /** The first date; every week after it, `weeks` dates in all. */
  startDate: Scalars['String']['input'];
  timeSlot: Scalars['String']['input'];
  /** 1-26. */
  weeks: Scalars['Int']['input'];
};

export type Mutation = {
  __typename?: 'Mutation';
  /** The status becomes CANCELLED and the slot is free again. FACULTY: any booking; STUDENT: their own. */
  cancelBooking: Booking;
  /** FACULTY (any series): cancels its bookings that have not started yet. */
  cancelBookingSeries: BookingSeries;
  /**
   * The holder checks in, from 10 minutes before to 15 minutes after the slot starts
   * (BAD_USER_INPUT outside that; someone else's booking NOT_FOUND).
   */
  checkIn: Booking;
  /** Books a room for one slot. CONFLICT when the slot is taken or the caller holds another room then. */
  createBooking: Booking;
  /**
   * FACULTY: the same room and slot every week, 1-26 weeks. Taken or closed dates are skipped and
   * listed; with `allOrNothing` one such date books nothing (CONFLICT naming the dates).
   */
  createBookingSeries: BookingSeriesResult;
  /** Closes rooms; bookings and waitlist entries inside are cancelled and their holders notified. */
  createClosure: Closure;
  createRoom: Room;
  /** Lifts a closure (cancelled bookings stay cancelled). */
  deleteClosure: Scalars['Boolean']['output'];
  /**
   * Queue for a taken slot: BAD_USER_INPUT if it is free; CONFLICT if already waiting, if the queue
   * is full (WAITLIST_MAX_LENGTH), or if the caller already waits for 20 slots.
   */
  joinWaitlist: WaitlistEntry;
  /** Leaves one's own WAITING entry. */
  leaveWaitlist: WaitlistEntry;
  /** A new secret for the caller's own calendar feed; the old URL stops working. Returns the new URL. */
  resetCalendarUrl: Scalars['String']['output'];
  updateRoom: Room;
};


export type MutationCancelBookingArgs = {
  id: Scalars['ID']['input'];
};


export type MutationCancelBookingSeriesArgs = {
  id: Scalars['ID']['input'];
};


export type MutationCheckInArgs = {
  bookingId: Scalars['ID']['input'];
};


export type MutationCreateBookingArgs = {
  input: CreateBookingInput;
};


export type MutationCreateBookingSeriesArgs = {
  input: CreateBookingSeriesInput;
};


export type MutationCreateClosureArgs = {
  input: ClosureInput;
};


export type MutationCreateRoomArgs = {
  input: RoomInput;
};


export type MutationDeleteClosureArgs = {
  id: Scalars['ID']['input'];
};


export type MutationJoinWaitlistArgs = {
  input: CreateBookingInput;
};


export type MutationLeaveWaitlistArgs = {
  id: Scalars['ID']['input'];
};


export type MutationUpdateRoomArgs = {
  id: Scalars['ID']['input'];
  input: RoomInput;
};

export type Query = {
  __typename?: 'Query';
  /** The slots of `date` that can still be booked in this room (empty for past dates). */
  availableSlots: Array<TimeSlot>;
  /** FACULTY: every booking; STUDENT: their own. Newest date first. */
  bookings: Array<Booking>;
  /** Closures overlapping `from`..`to` (either may be left open), for one room (and every-room closures) or all. */
  closures: Array<Closure>;
  /**
   * Rooms free at that slot: not booked, not closed, in service, with at least `minCapacity`
   * seats and every amenity asked (case-insensitive); smallest fitting first.
   */
  freeRooms: Array<Room>;
  /** The caller's bookings, newest date first. */
  myBookings: Array<Booking>;
  /** The caller's waitlist entries, newest first. */
  myWaitlist: Array<WaitlistEntry>;
  /** Rooms by name; `amenity` matches case-insensitively. `limit` defaults to 50 and is cut to 100. */
  rooms: Array<Room>;
  /** The eight slots of every day. */
  timeSlots: Array<TimeSlot>;
};


export type QueryAvailableSlotsArgs = {
  date: Scalars['String']['input'];
  roomId: Scalars['ID']['input'];
};


export type QueryBookingsArgs = {
  date?: InputMaybe<Scalars['String']['input']>;
  limit?: InputMaybe<Scalars['Int']['input']>;
  offset?: InputMaybe<Scalars['Int']['input']>;
  roomId?: InputMaybe<Scalars['ID']['input']>;
  status?: InputMaybe<BookingStatus>;
};


export type QueryClosuresArgs = {
  from?: InputMaybe<Scalars['String']['input']>;
  limit?: InputMaybe<Scalars['Int']['input']>;
  offset?: InputMaybe<Scalars['Int']['input']>;
  roomId?: InputMaybe<Scalars['ID']['input']>;
  to?: InputMaybe<Scalars['String']['input']>;
};


export type QueryFreeRoomsArgs = {
  amenities?: InputMaybe<Array<Scalars['String']['input']>>;
  date: Scalars['String']['input'];
  limit?: InputMaybe<Scalars['Int']['input']>;
  minCapacity?: InputMaybe<Scalars['Int']['input']>;
  offset?: InputMaybe<Scalars['Int']['input']>;
  timeSlot: Scalars['String']['input'];
};


export type QueryMyBookingsArgs = {
  limit?: InputMaybe<Scalars['Int']['input']>;
  offset?: InputMaybe<Scalars['Int']['input']>;
  status?: InputMaybe<BookingStatus>;
};


export type QueryMyWaitlistArgs = {
  limit?: InputMaybe<Scalars['Int']['input']>;
  offset?: InputMaybe<Scalars['Int']['input']>;
  status?: InputMaybe<WaitlistStatus>;
};


export type QueryRoomsArgs = {
  amenity?: InputMaybe<Scalars['String']['input']>;
  limit?: InputMaybe<Scalars['Int']['input']>;
  minCapacity?: InputMaybe<Scalars['Int']['input']>;
  offset?: InputMaybe<Scalars['Int']['input']>;
};

export type Role =
  | 'ADMIN'
  | 'FACULTY'
  | 'STUDENT';

/** A bookable room. */
export type Room = {
  __typename?: 'Room';
  amenities: Array<Scalars['String']['output']>;
  building?: Maybe<Scalars['String']['output']>;
  /** An iCalendar feed (RFC 5545) of the room's busy times, never who booked; subscribe to it from a calendar app. */
  calendarUrl: Scalars['String']['output'];
  /** 1-1000 people. */
  capacity: Scalars['Int']['output'];
  /** Holders must check in (`checkIn`) or the booking is released after the check-in window. */
  checkInRequired: Scalars['Boolean']['output'];
  floor?: Maybe<Scalars['Int']['output']>;
  id: Scalars['ID']['output'];
  /** Unique, compared case-insensitively. */
  name: Scalars['String']['output'];
  /** True while a fault (a CRITICAL maintenance ticket) puts the room out of use: nothing can be booked. */
  outOfService: Scalars['Boolean']['output'];
};

export type RoomInput = {
  /** Defaults to none. */
  amenities?: InputMaybe<Array<Scalars['String']['input']>>;
  building?: InputMaybe<Scalars['String']['input']>;
  /** 1-1000. */
  capacity: Scalars['Int']['input'];
  /** Defaults to false. */
  checkInRequired?: InputMaybe<Scalars['Boolean']['input']>;
  floor?: InputMaybe<Scalars['Int']['input']>;
  /** 1-200 characters, unique. */
  name: Scalars['String']['input'];
};

/** One of the eight two-hour slots of a day, 06:00 to 22:00 campus time. */
export type TimeSlot = {
  __typename?: 'TimeSlot';
  end: Scalars['String']['output'];
  /** `06:00-08:00` … `20:00-22:00` */
  label: Scalars['String']['output'];
  /** `HH:MM` */
  start: Scalars['String']['output'];
};

/** The users subgraph owns User (and its type-level @auth); this subgraph adds bookings. */
export type User = {
  __typename?: 'User';
  /**
   * Their bookings, newest date first. Visible to the person themself and to FACULTY, who see
   * every booking.
   */
  bookings: Array<Booking>;
  /** Their own iCalendar feed of their bookings; only for themself (others get FORBIDDEN). */
  calendarUrl?: Maybe<Scalars['String']['output']>;
  id: Scalars['ID']['output'];
};


/** The users subgraph owns User (and its type-level @auth); this subgraph adds bookings. */
export type UserBookingsArgs = {
  limit?: InputMaybe<Scalars['Int']['input']>;
  offset?: InputMaybe<Scalars['Int']['input']>;
  status?: InputMaybe<BookingStatus>;
};

/** A place in the queue for a taken slot. */
export type WaitlistEntry = {
  __typename?: 'WaitlistEntry';
  /** The booking made when SERVED. */
  booking?: Maybe<Booking>;
  createdAt: Scalars['DateTime']['output'];
  date: Scalars['String']['output'];
  id: Scalars['ID']['output'];
  /** 1 for the next in line; null unless WAITING. */
  position?: Maybe<Scalars['Int']['output']>;
  room: Room;
  status: WaitlistStatus;
  timeSlot: Scalars['String']['output'];
  user: User;
};

export type WaitlistStatus =
  /** The slot passed, or a closure covered it. */
  | 'EXPIRED'
  | 'LEFT'
  /** The slot came free and was booked for this person. */
  | 'SERVED'
  | 'WAITING';

export type WithIndex<TObject> = TObject & Record<string, any>;
export type ResolversObject<TObject> = WithIndex<TObject>;

export type ResolverTypeWrapper<T> = Promise<T> | T;

export type ReferenceResolver<TResult, TReference, TContext> = (
      reference: TReference,
      context: TContext,
      info: GraphQLResolveInfo
    ) => Promise<TResult> | TResult;

      type ScalarCheck<T, S> = S extends true ? T : NullableCheck<T, S>;
      type NullableCheck<T, S> = Maybe<T> extends T ? Maybe<ListCheck<NonNullable<T>, S>> : ListCheck<T, S>;
      type ListCheck<T, S> = T extends (infer U)[] ? NullableCheck<U, S>[] : GraphQLRecursivePick<T, S>;
      export type GraphQLRecursivePick<T, S> = { [K in keyof T & keyof S]: ScalarCheck<T[K], S[K]> };
    

export type ResolverWithResolve<TResult, TParent, TContext, TArgs> = {
  resolve: ResolverFn<TResult, TParent, TContext, TArgs>;
};
export type Resolver<TResult, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> = ResolverFn<TResult, TParent, TContext, TArgs> | ResolverWithResolve<TResult, TParent, TContext, TArgs>;

export type ResolverFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => Promise<TResult> | TResult;

export type SubscriptionSubscribeFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => AsyncIterable<TResult> | Promise<AsyncIterable<TResult>>;

export type SubscriptionResolveFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => TResult | Promise<TResult>;

export interface SubscriptionSubscriberObject<TResult, TKey extends string, TParent, TContext, TArgs> {
  subscribe: SubscriptionSubscribeFn<{ [key in TKey]: TResult }, TParent, TContext, TArgs>;
  resolve?: SubscriptionResolveFn<TResult, { [key in TKey]: TResult }, TContext, TArgs>;
}

export interface SubscriptionResolverObject<TResult, TParent, TContext, TArgs> {
  subscribe: SubscriptionSubscribeFn<any, TParent, TContext, TArgs>;
  resolve: SubscriptionResolveFn<TResult, any, TContext, TArgs>;
}

export type SubscriptionObject<TResult, TKey extends string, TParent, TContext, TArgs> =
  | SubscriptionSubscriberObject<TResult, TKey, TParent, TContext, TArgs>
  | SubscriptionResolverObject<TResult, TParent, TContext, TArgs>;

export type SubscriptionResolver<TResult, TKey extends string, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> =
  | ((...args: any[]) => SubscriptionObject<TResult, TKey, TParent, TContext, TArgs>)
  | SubscriptionObject<TResult, TKey, TParent, TContext, TArgs>;

export type TypeResolveFn<TTypes, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>> = (
  parent: TParent,
  context: TContext,
  info: GraphQLResolveInfo
) => Maybe<TTypes> | Promise<Maybe<TTypes>>;

export type IsTypeOfResolverFn<T = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>> = (obj: T, context: TContext, info: GraphQLResolveInfo) => boolean | Promise<boolean>;

export type NextResolverFn<T> = () => Promise<T>;

export type DirectiveResolverFn<TResult = Record<PropertyKey, never>, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> = (
  next: NextResolverFn<TResult>,
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => TResult | Promise<TResult>;

/** Mapping of federation types */
export type FederationTypes = ResolversObject<{
  Booking: Booking;
  BookingSeries: BookingSeries;
  Room: Room;
  User: User;
  WaitlistEntry: WaitlistEntry;
}>;

/** Mapping of federation reference types */
export type FederationReferenceTypes = ResolversObject<{
  Booking:
    ( { __typename: 'Booking' }
    & GraphQLRecursivePick<FederationTypes['Booking'], {"id":true}> );
  BookingSeries:
    ( { __typename: 'BookingSeries' }
    & GraphQLRecursivePick<FederationTypes['BookingSeries'], {"id":true}> );
  Room:
    ( { __typename: 'Room' }
    & GraphQLRecursivePick<FederationTypes['Room'], {"id":true}> );
  User:
    ( { __typename: 'User' }
    & GraphQLRecursivePick<FederationTypes['User'], {"id":true}> );
  WaitlistEntry:
    ( { __typename: 'WaitlistEntry' }
    & GraphQLRecursivePick<FederationTypes['WaitlistEntry'], {"id":true}> );
}>;



/** Mapping between all available schema types and the resolvers types */
export type ResolversTypes = ResolversObject<{
  Booking: ResolverTypeWrapper<BookingRow>;
  ID: ResolverTypeWrapper<Scalars['ID']['output']>;
  BookingSeries: ResolverTypeWrapper<SeriesRow>;
  BookingSeriesResult: ResolverTypeWrapper<SeriesResult>;
  BookingStatus: BookingStatus;
  CacheControlScope: CacheControlScope;
  Closure: ResolverTypeWrapper<ClosureRow>;
  ClosureInput: ClosureInput;
  CreateBookingInput: CreateBookingInput;
  CreateBookingSeriesInput: CreateBookingSeriesInput;
  DateTime: ResolverTypeWrapper<Scalars['DateTime']['output']>;
  Mutation: ResolverTypeWrapper<Record<PropertyKey, never>>;
  Query: ResolverTypeWrapper<Record<PropertyKey, never>>;
  Role: Role;
  Room: ResolverTypeWrapper<RoomRow>;
  RoomInput: RoomInput;
  TimeSlot: ResolverTypeWrapper<SlotDefinition>;
  User: ResolverTypeWrapper<UserReference>;
  WaitlistEntry: ResolverTypeWrapper<WaitlistRow>;
  WaitlistStatus: WaitlistStatus;
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
  Int: ResolverTypeWrapper<Scalars['Int']['output']>;
}>;

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = ResolversObject<{
  Booking: BookingRow;
  ID: Scalars['ID']['output'];
  BookingSeries: SeriesRow;
  BookingSeriesResult: SeriesResult;
  Closure: ClosureRow;
  ClosureInput: ClosureInput;
  CreateBookingInput: CreateBookingInput;
  CreateBookingSeriesInput: CreateBookingSeriesInput;
  DateTime: Scalars['DateTime']['output'];
  Mutation: Record<PropertyKey, never>;
  Query: Record<PropertyKey, never>;
  Room: RoomRow;
  RoomInput: RoomInput;
  TimeSlot: SlotDefinition;
  User: UserReference;
  WaitlistEntry: WaitlistRow;
  Boolean: Scalars['Boolean']['output'];
  String: Scalars['String']['output'];
  Int: Scalars['Int']['output'];
}>;

export type AuthDirectiveArgs = {
  personal?: Maybe<Scalars['Boolean']['input']>;
  public?: Maybe<Scalars['Boolean']['input']>;
  requires?: Maybe<Array<Role>>;
  selfArg?: Maybe<Scalars['String']['input']>;
};

export type AuthDirectiveResolver<Result, Parent, ContextType = BookingContext, Args = AuthDirectiveArgs> = DirectiveResolverFn<Result, Parent, ContextType, Args>;

export type CacheControlDirectiveArgs = {
  inheritMaxAge?: Maybe<Scalars['Boolean']['input']>;
  maxAge?: Maybe<Scalars['Int']['input']>;
  scope?: Maybe<CacheControlScope>;
};

export type CacheControlDirectiveResolver<Result, Parent, ContextType = BookingContext, Args = CacheControlDirectiveArgs> = DirectiveResolverFn<Result, Parent, ContextType, Args>;

export type BookingResolvers<ContextType = BookingContext, ParentType extends ResolversParentTypes['Booking'] = ResolversParentTypes['Booking'], FederationReferenceType extends FederationReferenceTypes['Booking'] = FederationReferenceTypes['Booking']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Booking']> | FederationReferenceType, FederationReferenceType, ContextType>;
  cancelledAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  checkedInAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  date?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  room?: Resolver<ResolversTypes['Room'], ParentType, ContextType>;
  series?: Resolver<Maybe<ResolversTypes['BookingSeries']>, ParentType, ContextType>;
  status?: Resolver<ResolversTypes['BookingStatus'], ParentType, ContextType>;
  timeSlot?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  user?: Resolver<ResolversTypes['User'], ParentType, ContextType>;
}>;

export type BookingSeriesResolvers<ContextType = BookingContext, ParentType extends ResolversParentTypes['BookingSeries'] = ResolversParentTypes['BookingSeries'], FederationReferenceType extends FederationReferenceTypes['BookingSeries'] = FederationReferenceTypes['BookingSeries']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['BookingSeries']> | FederationReferenceType, FederationReferenceType, ContextType>;
  bookings?: Resolver<Array<ResolversTypes['Booking']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  room?: Resolver<ResolversTypes['Room'], ParentType, ContextType>;
  startDate?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  status?: Resolver<ResolversTypes['BookingStatus'], ParentType, ContextType>;
  timeSlot?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  user?: Resolver<ResolversTypes['User'], ParentType, ContextType>;
  weeks?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
}>;

export type BookingSeriesResultResolvers<ContextType = BookingContext, ParentType extends ResolversParentTypes['BookingSeriesResult'] = ResolversParentTypes['BookingSeriesResult']> = ResolversObject<{
  booked?: Resolver<Array<ResolversTypes['Booking']>, ParentType, ContextType>;
  series?: Resolver<Maybe<ResolversTypes['BookingSeries']>, ParentType, ContextType>;
  skippedDates?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
}>;

export type ClosureResolvers<ContextType = BookingContext, ParentType extends ResolversParentTypes['Closure'] = ResolversParentTypes['Closure']> = ResolversObject<{
  createdBy?: Resolver<ResolversTypes['User'], ParentType, ContextType>;
  endDate?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  reason?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  room?: Resolver<Maybe<ResolversTypes['Room']>, ParentType, ContextType>;
  startDate?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  timeSlots?: Resolver<Maybe<Array<ResolversTypes['String']>>, ParentType, ContextType>;
}>;

export interface DateTimeScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['DateTime'], any> {
  name: 'DateTime';
}

export type MutationResolvers<ContextType = BookingContext, ParentType extends ResolversParentTypes['Mutation'] = ResolversParentTypes['Mutation']> = ResolversObject<{
  cancelBooking?: Resolver<ResolversTypes['Booking'], ParentType, ContextType, RequireFields<MutationCancelBookingArgs, 'id'>>;
  cancelBookingSeries?: Resolver<ResolversTypes['BookingSeries'], ParentType, ContextType, RequireFields<MutationCancelBookingSeriesArgs, 'id'>>;
  checkIn?: Resolver<ResolversTypes['Booking'], ParentType, ContextType, RequireFields<MutationCheckInArgs, 'bookingId'>>;
  createBooking?: Resolver<ResolversTypes['Booking'], ParentType, ContextType, RequireFields<MutationCreateBookingArgs, 'input'>>;
  createBookingSeries?: Resolver<ResolversTypes['BookingSeriesResult'], ParentType, ContextType, RequireFields<MutationCreateBookingSeriesArgs, 'input'>>;
  createClosure?: Resolver<ResolversTypes['Closure'], ParentType, ContextType, RequireFields<MutationCreateClosureArgs, 'input'>>;
  createRoom?: Resolver<ResolversTypes['Room'], ParentType, ContextType, RequireFields<MutationCreateRoomArgs, 'input'>>;
  deleteClosure?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType, RequireFields<MutationDeleteClosureArgs, 'id'>>;
  joinWaitlist?: Resolver<ResolversTypes['WaitlistEntry'], ParentType, ContextType, RequireFields<MutationJoinWaitlistArgs, 'input'>>;
  leaveWaitlist?: Resolver<ResolversTypes['WaitlistEntry'], ParentType, ContextType, RequireFields<MutationLeaveWaitlistArgs, 'id'>>;
  resetCalendarUrl?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  updateRoom?: Resolver<ResolversTypes['Room'], ParentType, ContextType, RequireFields<MutationUpdateRoomArgs, 'id' | 'input'>>;
}>;

export type QueryResolvers<ContextType = BookingContext, ParentType extends ResolversParentTypes['Query'] = ResolversParentTypes['Query']> = ResolversObject<{
  availableSlots?: Resolver<Array<ResolversTypes['TimeSlot']>, ParentType, ContextType, RequireFields<QueryAvailableSlotsArgs, 'date' | 'roomId'>>;
  bookings?: Resolver<Array<ResolversTypes['Booking']>, ParentType, ContextType, Partial<QueryBookingsArgs>>;
  closures?: Resolver<Array<ResolversTypes['Closure']>, ParentType, ContextType, Partial<QueryClosuresArgs>>;
  freeRooms?: Resolver<Array<ResolversTypes['Room']>, ParentType, ContextType, RequireFields<QueryFreeRoomsArgs, 'date' | 'timeSlot'>>;
  myBookings?: Resolver<Array<ResolversTypes['Booking']>, ParentType, ContextType, Partial<QueryMyBookingsArgs>>;
  myWaitlist?: Resolver<Array<ResolversTypes['WaitlistEntry']>, ParentType, ContextType, Partial<QueryMyWaitlistArgs>>;
  rooms?: Resolver<Array<ResolversTypes['Room']>, ParentType, ContextType, Partial<QueryRoomsArgs>>;
  timeSlots?: Resolver<Array<ResolversTypes['TimeSlot']>, ParentType, ContextType>;
}>;

export type RoomResolvers<ContextType = BookingContext, ParentType extends ResolversParentTypes['Room'] = ResolversParentTypes['Room'], FederationReferenceType extends FederationReferenceTypes['Room'] = FederationReferenceTypes['Room']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Room']> | FederationReferenceType, FederationReferenceType, ContextType>;
  amenities?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  building?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  calendarUrl?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  capacity?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  checkInRequired?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  floor?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  outOfService?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
}>;

export type TimeSlotResolvers<ContextType = BookingContext, ParentType extends ResolversParentTypes['TimeSlot'] = ResolversParentTypes['TimeSlot']> = ResolversObject<{
  end?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  label?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  start?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
}>;

export type UserResolvers<ContextType = BookingContext, ParentType extends ResolversParentTypes['User'] = ResolversParentTypes['User'], FederationReferenceType extends FederationReferenceTypes['User'] = FederationReferenceTypes['User']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['User']> | FederationReferenceType, FederationReferenceType, ContextType>;
  bookings?: Resolver<Array<ResolversTypes['Booking']>, ParentType, ContextType, Partial<UserBookingsArgs>>;
  calendarUrl?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
}>;

export type WaitlistEntryResolvers<ContextType = BookingContext, ParentType extends ResolversParentTypes['WaitlistEntry'] = ResolversParentTypes['WaitlistEntry'], FederationReferenceType extends FederationReferenceTypes['WaitlistEntry'] = FederationReferenceTypes['WaitlistEntry']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['WaitlistEntry']> | FederationReferenceType, FederationReferenceType, ContextType>;
  booking?: Resolver<Maybe<ResolversTypes['Booking']>, ParentType, ContextType>;
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  date?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  position?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  room?: Resolver<ResolversTypes['Room'], ParentType, ContextType>;
  status?: Resolver<ResolversTypes['WaitlistStatus'], ParentType, ContextType>;
  timeSlot?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  user?: Resolver<ResolversTypes['User'], ParentType, ContextType>;
}>;

export type Resolvers<ContextType = BookingContext> = ResolversObject<{
  Booking?: BookingResolvers<ContextType>;
  BookingSeries?: BookingSeriesResolvers<ContextType>;
  BookingSeriesResult?: BookingSeriesResultResolvers<ContextType>;
  Closure?: ClosureResolvers<ContextType>;
  DateTime?: GraphQLScalarType;
  Mutation?: MutationResolvers<ContextType>;
  Query?: QueryResolvers<ContextType>;
  Room?: RoomResolvers<ContextType>;
  TimeSlot?: TimeSlotResolvers<ContextType>;
  User?: UserResolvers<ContextType>;
  WaitlistEntry?: WaitlistEntryResolvers<ContextType>;
}>;

export type DirectiveResolvers<ContextType = BookingContext> = ResolversObject<{
  auth?: AuthDirectiveResolver<any, any, ContextType>;
  cacheControl?: CacheControlDirectiveResolver<any, any, ContextType>;
}>;
