import type { GraphQLResolveInfo, GraphQLScalarType, GraphQLScalarTypeConfig } from 'graphql';
import type { TicketRow, TicketChangeRow, UserReference } from '../store';
import type { TicketCommentRow } from '../commentStore';
import type { PriorityVerdict } from '../priority/classifier';
import type { MaintenanceContext } from '../context';
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

export type CreateTicketInput = {
  description: Scalars['String']['input'];
  /** Where: building, floor, room (at most 200 characters). */
  location?: InputMaybe<Scalars['String']['input']>;
  /** The room it is about (a room of the booking subgraph). */
  roomId?: InputMaybe<Scalars['ID']['input']>;
  title: Scalars['String']['input'];
};

export type Mutation = {
  __typename?: 'Mutation';
  /**
   * Comments on a ticket: its reporter, its assignee or an ADMIN (anyone else: NOT_FOUND). A staff
   * comment notifies the reporter and counts as the response; the reporter's notifies the assignee.
   */
  addTicketComment: TicketComment;
  /** Gives the ticket to a FACULTY or ADMIN member. */
  assignTicket: Ticket;
  /** Reports a problem; its priority (and so its SLA) is detected from the text. */
  createTicket: Ticket;
  /** Links a ticket to the earlier one it repeats; a status change of the original reaches every duplicate's reporter. */
  markDuplicate: Ticket;
  /**
   * Overrides the detected priority; both deadlines are recomputed from the creation time, keeping
   * the paused time. A `reason` (1-5,000 characters) is kept in the history and becomes the
   * ticket's `priorityReasons`.
   */
  setTicketPriority: Ticket;
  /** Unlinks a ticket from the one it was marked a duplicate of. */
  unmarkDuplicate: Ticket;
  /** Moves a ticket along its lifecycle. `reason` (1-5,000 characters) is required for ON_HOLD and kept in the history. */
  updateTicketStatus: Ticket;
};


export type MutationAddTicketCommentArgs = {
  body: Scalars['String']['input'];
  ticketId: Scalars['ID']['input'];
};


export type MutationAssignTicketArgs = {
  assigneeId: Scalars['ID']['input'];
  id: Scalars['ID']['input'];
};


export type MutationCreateTicketArgs = {
  input: CreateTicketInput;
};


export type MutationMarkDuplicateArgs = {
  id: Scalars['ID']['input'];
  of: Scalars['ID']['input'];
};


export type MutationSetTicketPriorityArgs = {
  id: Scalars['ID']['input'];
  priority: TicketPriority;
  reason?: InputMaybe<Scalars['String']['input']>;
};


export type MutationUnmarkDuplicateArgs = {
  id: Scalars['ID']['input'];
};


export type MutationUpdateTicketStatusArgs = {
  id: Scalars['ID']['input'];
  reason?: InputMaybe<Scalars['String']['input']>;
  status: TicketStatus;
};

export type PriorityAssessment = {
  __typename?: 'PriorityAssessment';
  /** How sure the classifier is, 0..1. */
  confidence: Scalars['Float']['output'];
  priority: TicketPriority;
  /** What decided it, in words: the safety rule that fired, or the words and concepts that weighed most. */
  reasons: Array<Scalars['String']['output']>;
};

export type Query = {
  __typename?: 'Query';
  /** The priority the system would give this text, and how sure it is. */
  classifyPriority: PriorityAssessment;
  /** One ticket: ADMIN any, anyone else one they reported or are assigned. */
  ticket?: Maybe<Ticket>;
  /** ADMIN: every ticket; anyone else: the ones they reported or are assigned. `limit` defaults to 50 and is cut to 100. */
  tickets: Array<Ticket>;
};


export type QueryClassifyPriorityArgs = {
  text: Scalars['String']['input'];
};


export type QueryTicketArgs = {
  id: Scalars['ID']['input'];
};


export type QueryTicketsArgs = {
  limit?: InputMaybe<Scalars['Int']['input']>;
  offset?: InputMaybe<Scalars['Int']['input']>;
  orderBy?: InputMaybe<TicketOrder>;
  priority?: InputMaybe<TicketPriority>;
  status?: InputMaybe<TicketStatus>;
};

export type Role =
  | 'ADMIN'
  | 'FACULTY'
  | 'STUDENT';

/** The booking subgraph owns Room; a ticket may name one. */
export type Room = {
  __typename?: 'Room';
  id: Scalars['ID']['output'];
};

export type Subscription = {
  __typename?: 'Subscription';
  /**
   * A ticket each time it is created or changed (status, priority, assignment, comment, duplicate
   * link): ADMIN for every ticket, anyone else for the ones they reported or are assigned. Served by this subgraph over graphql-ws, through the
   * gateway; every message carries `extensions.eventId`. With `afterEventId`, the events since
   * that one (up to 24 hours back) are replayed first, then live ones follow, with no gap and no
   * repeat at the seam.
   */
  ticketUpdated: Ticket;
};


export type SubscriptionTicketUpdatedArgs = {
  afterEventId?: InputMaybe<Scalars['ID']['input']>;
  ticketId?: InputMaybe<Scalars['ID']['input']>;
};

/** A maintenance ticket. ADMIN sees every ticket; anyone else the ones they reported or are assigned. */
export type Ticket = {
  __typename?: 'Ticket';
  /** The FACULTY or ADMIN member handling it. */
  assignee?: Maybe<User>;
  /** Comments by the reporter, the assignee and ADMIN, oldest first. */
  comments: Array<TicketComment>;
  createdAt: Scalars['DateTime']['output'];
  /** 1-5,000 characters. */
  description: Scalars['String']['output'];
  /** The earlier ticket this one repeats, linked automatically (very similar text, same room or location, within 7 days) or by an ADMIN. */
  duplicateOf?: Maybe<Ticket>;
  /** Later tickets that repeat this one, oldest first (only those the caller may see). */
  duplicates: Array<Ticket>;
  /** Every change, oldest first: who, when, from what, to what, and why. */
  history: Array<TicketChange>;
  id: Scalars['ID']['output'];
  location?: Maybe<Scalars['String']['output']>;
  /** Still OPEN or IN_PROGRESS after its SLA due time. */
  overdue: Scalars['Boolean']['output'];
  /** Seconds spent ON_HOLD so far, including a hold still running. */
  pausedSeconds: Scalars['Int']['output'];
  /** Detected from the text at creation; an ADMIN may override it. */
  priority: TicketPriority;
  /** Why it has its priority, in words: the safety rule that fired, the strongest words, or the reason an ADMIN gave. */
  priorityReasons: Array<Scalars['String']['output']>;
  reporter: User;
  /** When staff first responded (moved it to IN_PROGRESS or commented); null until then. */
  respondedAt?: Maybe<Scalars['DateTime']['output']>;
  /**
   * The response deadline: creation time plus the priority's response time plus the time spent
   * ON_HOLD. Met by the first move to IN_PROGRESS or the first comment by staff (`respondedAt`).
   */
  responseDueAt: Scalars['DateTime']['output'];
  /** The room it is about, if the reporter named one. While a CRITICAL ticket on a room is unresolved, the room is out of service. */
  room?: Maybe<Room>;
  /**
   * The resolution deadline: creation time plus the priority's SLA plus the time spent ON_HOLD
   * (recomputed from creation when the priority changes; the paused time is kept).
   */
  slaDueAt: Scalars['DateTime']['output'];
  status: TicketStatus;
  /** 1-200 characters. */
  title: Scalars['String']['output'];
  updatedAt: Scalars['DateTime']['output'];
};

export type TicketChange = {
  __typename?: 'TicketChange';
  changedAt: Scalars['DateTime']['output'];
  changedBy: User;
  /** The value before (null for CREATED, or for a first assignment). */
  from?: Maybe<Scalars['String']['output']>;
  kind: TicketChangeKind;
  /** Why, when one was given (required for ON_HOLD; optional for a priority override). */
  reason?: Maybe<Scalars['String']['output']>;
  to?: Maybe<Scalars['String']['output']>;
};

/** What a change to a ticket changed. */
export type TicketChangeKind =
  | 'ASSIGNEE'
  /** A comment was added (`to` is the comment's id). */
  | 'COMMENT'
  | 'CREATED'
  /** Linked as a duplicate (`to` is the original ticket's id) or unlinked (`to` is null). */
  | 'DUPLICATE'
  | 'PRIORITY'
  | 'STATUS';

/** A comment on a ticket. */
export type TicketComment = {
  __typename?: 'TicketComment';
  author: User;
  /** 1-5,000 characters. */
  body: Scalars['String']['output'];
  createdAt: Scalars['DateTime']['output'];
  id: Scalars['ID']['output'];
};

export type TicketOrder =
  /** Soonest SLA due time first. */
  | 'DUE_AT'
  /** Newest first (the default). */
  | 'NEWEST';

/**
 * How urgent a ticket is. It sets the response deadline (CRITICAL 15 min, HIGH 1 h, MEDIUM 4 h,
 * LOW 24 h) and the resolution deadline, the SLA (CRITICAL 1 h, HIGH 4 h, MEDIUM 24 h, LOW 72 h).
 */
export type TicketPriority =
  | 'CRITICAL'
  | 'HIGH'
  | 'LOW'
  | 'MEDIUM';

/**
 * OPEN → IN_PROGRESS → RESOLVED → CLOSED, and RESOLVED → OPEN to reopen. ON_HOLD (waiting for
 * parts or for the reporter) from OPEN or IN_PROGRESS and back to either, with a reason; it pauses
 * both deadlines.
 */
export type TicketStatus =
  | 'CLOSED'
  | 'IN_PROGRESS'
  /** Waiting (for parts, for the reporter): both deadlines are paused and move later by the paused time. */
  | 'ON_HOLD'
  | 'OPEN'
  | 'RESOLVED';

/** The users subgraph owns User; tickets refer to reporters and assignees. */
export type User = {
  __typename?: 'User';
  id: Scalars['ID']['output'];
};

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
  Ticket: Ticket;
}>;

/** Mapping of federation reference types */
export type FederationReferenceTypes = ResolversObject<{
  Ticket:
    ( { __typename: 'Ticket' }
    & GraphQLRecursivePick<FederationTypes['Ticket'], {"id":true}> );
}>;



/** Mapping between all available schema types and the resolvers types */
export type ResolversTypes = ResolversObject<{
  CreateTicketInput: CreateTicketInput;
  ID: ResolverTypeWrapper<Scalars['ID']['output']>;
  DateTime: ResolverTypeWrapper<Scalars['DateTime']['output']>;
  Mutation: ResolverTypeWrapper<Record<PropertyKey, never>>;
  PriorityAssessment: ResolverTypeWrapper<PriorityVerdict>;
  Float: ResolverTypeWrapper<Scalars['Float']['output']>;
  Query: ResolverTypeWrapper<Record<PropertyKey, never>>;
  Int: ResolverTypeWrapper<Scalars['Int']['output']>;
  Role: Role;
  Room: ResolverTypeWrapper<Room>;
  Subscription: ResolverTypeWrapper<Record<PropertyKey, never>>;
  Ticket: ResolverTypeWrapper<TicketRow>;
  TicketChange: ResolverTypeWrapper<TicketChangeRow>;
  TicketChangeKind: TicketChangeKind;
  TicketComment: ResolverTypeWrapper<TicketCommentRow>;
  TicketOrder: TicketOrder;
  TicketPriority: TicketPriority;
  TicketStatus: TicketStatus;
  User: ResolverTypeWrapper<UserReference>;
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
}>;

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = ResolversObject<{
  CreateTicketInput: CreateTicketInput;
  ID: Scalars['ID']['output'];
  DateTime: Scalars['DateTime']['output'];
  Mutation: Record<PropertyKey, never>;
  PriorityAssessment: PriorityVerdict;
  Float: Scalars['Float']['output'];
  Query: Record<PropertyKey, never>;
  Int: Scalars['Int']['output'];
  Room: Room;
  Subscription: Record<PropertyKey, never>;
  Ticket: TicketRow;
  TicketChange: TicketChangeRow;
  TicketComment: TicketCommentRow;
  User: UserReference;
  Boolean: Scalars['Boolean']['output'];
  String: Scalars['String']['output'];
}>;

export type AuthDirectiveArgs = {
  personal?: Maybe<Scalars['Boolean']['input']>;
  public?: Maybe<Scalars['Boolean']['input']>;
  requires?: Maybe<Array<Role>>;
  selfArg?: Maybe<Scalars['String']['input']>;
};

export type AuthDirectiveResolver<Result, Parent, ContextType = MaintenanceContext, Args = AuthDirectiveArgs> = DirectiveResolverFn<Result, Parent, ContextType, Args>;

export interface DateTimeScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['DateTime'], any> {
  name: 'DateTime';
}

export type MutationResolvers<ContextType = MaintenanceContext, ParentType extends ResolversParentTypes['Mutation'] = ResolversParentTypes['Mutation']> = ResolversObject<{
  addTicketComment?: Resolver<ResolversTypes['TicketComment'], ParentType, ContextType, RequireFields<MutationAddTicketCommentArgs, 'body' | 'ticketId'>>;
  assignTicket?: Resolver<ResolversTypes['Ticket'], ParentType, ContextType, RequireFields<MutationAssignTicketArgs, 'assigneeId' | 'id'>>;
  createTicket?: Resolver<ResolversTypes['Ticket'], ParentType, ContextType, RequireFields<MutationCreateTicketArgs, 'input'>>;
  markDuplicate?: Resolver<ResolversTypes['Ticket'], ParentType, ContextType, RequireFields<MutationMarkDuplicateArgs, 'id' | 'of'>>;
  setTicketPriority?: Resolver<ResolversTypes['Ticket'], ParentType, ContextType, RequireFields<MutationSetTicketPriorityArgs, 'id' | 'priority'>>;
  unmarkDuplicate?: Resolver<ResolversTypes['Ticket'], ParentType, ContextType, RequireFields<MutationUnmarkDuplicateArgs, 'id'>>;
  updateTicketStatus?: Resolver<ResolversTypes['Ticket'], ParentType, ContextType, RequireFields<MutationUpdateTicketStatusArgs, 'id' | 'status'>>;
}>;

export type PriorityAssessmentResolvers<ContextType = MaintenanceContext, ParentType extends ResolversParentTypes['PriorityAssessment'] = ResolversParentTypes['PriorityAssessment']> = ResolversObject<{
  confidence?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  priority?: Resolver<ResolversTypes['TicketPriority'], ParentType, ContextType>;
  reasons?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
}>;

export type QueryResolvers<ContextType = MaintenanceContext, ParentType extends ResolversParentTypes['Query'] = ResolversParentTypes['Query']> = ResolversObject<{
  classifyPriority?: Resolver<ResolversTypes['PriorityAssessment'], ParentType, ContextType, RequireFields<QueryClassifyPriorityArgs, 'text'>>;
  ticket?: Resolver<Maybe<ResolversTypes['Ticket']>, ParentType, ContextType, RequireFields<QueryTicketArgs, 'id'>>;
  tickets?: Resolver<Array<ResolversTypes['Ticket']>, ParentType, ContextType, RequireFields<QueryTicketsArgs, 'orderBy'>>;
}>;

export type RoomResolvers<ContextType = MaintenanceContext, ParentType extends ResolversParentTypes['Room'] = ResolversParentTypes['Room']> = ResolversObject<{
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
}>;

export type SubscriptionResolvers<ContextType = MaintenanceContext, ParentType extends ResolversParentTypes['Subscription'] = ResolversParentTypes['Subscription']> = ResolversObject<{
  ticketUpdated?: SubscriptionResolver<ResolversTypes['Ticket'], "ticketUpdated", ParentType, ContextType, Partial<SubscriptionTicketUpdatedArgs>>;
}>;

export type TicketResolvers<ContextType = MaintenanceContext, ParentType extends ResolversParentTypes['Ticket'] = ResolversParentTypes['Ticket'], FederationReferenceType extends FederationReferenceTypes['Ticket'] = FederationReferenceTypes['Ticket']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Ticket']> | FederationReferenceType, FederationReferenceType, ContextType>;
  assignee?: Resolver<Maybe<ResolversTypes['User']>, ParentType, ContextType>;
  comments?: Resolver<Array<ResolversTypes['TicketComment']>, ParentType, ContextType>;
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  description?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  duplicateOf?: Resolver<Maybe<ResolversTypes['Ticket']>, ParentType, ContextType>;
  duplicates?: Resolver<Array<ResolversTypes['Ticket']>, ParentType, ContextType>;
  history?: Resolver<Array<ResolversTypes['TicketChange']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  location?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  overdue?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  pausedSeconds?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  priority?: Resolver<ResolversTypes['TicketPriority'], ParentType, ContextType>;
  priorityReasons?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  reporter?: Resolver<ResolversTypes['User'], ParentType, ContextType>;
  respondedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  responseDueAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  room?: Resolver<Maybe<ResolversTypes['Room']>, ParentType, ContextType>;
  slaDueAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  status?: Resolver<ResolversTypes['TicketStatus'], ParentType, ContextType>;
  title?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  updatedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
}>;

export type TicketChangeResolvers<ContextType = MaintenanceContext, ParentType extends ResolversParentTypes['TicketChange'] = ResolversParentTypes['TicketChange']> = ResolversObject<{
  changedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  changedBy?: Resolver<ResolversTypes['User'], ParentType, ContextType>;
  from?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  kind?: Resolver<ResolversTypes['TicketChangeKind'], ParentType, ContextType>;
  reason?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  to?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
}>;

export type TicketCommentResolvers<ContextType = MaintenanceContext, ParentType extends ResolversParentTypes['TicketComment'] = ResolversParentTypes['TicketComment']> = ResolversObject<{
  author?: Resolver<ResolversTypes['User'], ParentType, ContextType>;
  body?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
}>;

export type UserResolvers<ContextType = MaintenanceContext, ParentType extends ResolversParentTypes['User'] = ResolversParentTypes['User']> = ResolversObject<{
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
}>;

export type Resolvers<ContextType = MaintenanceContext> = ResolversObject<{
  DateTime?: GraphQLScalarType;
  Mutation?: MutationResolvers<ContextType>;
  PriorityAssessment?: PriorityAssessmentResolvers<ContextType>;
  Query?: QueryResolvers<ContextType>;
  Room?: RoomResolvers<ContextType>;
  Subscription?: SubscriptionResolvers<ContextType>;
  Ticket?: TicketResolvers<ContextType>;
  TicketChange?: TicketChangeResolvers<ContextType>;
  TicketComment?: TicketCommentResolvers<ContextType>;
  User?: UserResolvers<ContextType>;
}>;

export type DirectiveResolvers<ContextType = MaintenanceContext> = ResolversObject<{
  auth?: AuthDirectiveResolver<any, any, ContextType>;
}>;
