import { DateTimeScalar } from '../../../lib/scalars';
import type { Resolvers } from '../__generated__/resolvers-types';
import { AuditEntry } from './AuditEntry';
import { Mutation } from './Mutation';
import { Query } from './Query';
import { Session } from './Session';
import { User } from './User';

export const resolvers: Resolvers = { DateTime: DateTimeScalar, Query, Mutation, User, Session, AuditEntry };
