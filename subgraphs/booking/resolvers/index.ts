import { DateTimeScalar } from '../../../lib/scalars';
import type { Resolvers } from '../__generated__/resolvers-types';
import { Booking } from './Booking';
import { Mutation } from './Mutation';
import { Query } from './Query';
import { Room } from './Room';
import { User } from './User';

export const resolvers: Resolvers = { DateTime: DateTimeScalar, Query, Mutation, Booking, Room, User };
