import type { GraphQLResolveInfo, GraphQLScalarType, GraphQLScalarTypeConfig } from 'graphql';
import type { TicketRow, TicketChangeRow, UserReference } from '../store';
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
  title: Scalars['String']['input'];
};

export type Mutation = {
  __typename?: 'Mutation';
  /** Gives the ticket to a FACULTY or ADMIN member. */
  assignTicket: Ticket;
  /** Reports a problem; its priority (and so its SLA) is detected from the text. */
  createTicket: Ticket;
  /** Overrides the detected priority; the SLA is recomputed from the creation time. */
  setTicketPriority: Ticket;
  /** Moves a ticket along its lifecycle. */
  updateTicketStatus: Ticket;
};


export type MutationAssignTicketArgs = {
  assigneeId: Scalars['ID']['input'];
  id: Scalars['ID']['input'];
};


export type MutationCreateTicketArgs = {
  input: CreateTicketInput;
};


export type MutationSetTicketPriorityArgs = {
  id: Scalars['ID']['input'];
  priority: TicketPriority;
};


export type MutationUpdateTicketStatusArgs = {
  id: Scalars['ID']['input'];
  status: TicketStatus;
};

export type PriorityAssessment = {
  __typename?: 'PriorityAssessment';
  /** How sure the classifier is, 0..1. */
  confidence: Scalars['Float']['output'];
  priority: TicketPriority;
};

export type Query = {
  __typename?: 'Query';
  /** The priority the system would give this text, and how sure it is. */
  classifyPriority: PriorityAssessment;
  /** One ticket: ADMIN any, anyone else their own. */
  ticket?: Maybe<Ticket>;
  /** ADMIN: every ticket; anyone else: their own. `limit` defaults to 50 and is cut to 100. */
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

export type Subscription = {
  __typename?: 'Subscription';
  /**
   * A ticket each time it is created or changed (status, priority, assignment): ADMIN for every
   * ticket, anyone else for their own. Served by this subgraph over graphql-ws, through the
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

/** A maintenance ticket. ADMIN sees every ticket; anyone else only the ones they reported. */
export type Ticket = {
  __typename?: 'Ticket';
  /** The FACULTY or ADMIN member handling it. */
  assignee?: Maybe<User>;
  createdAt: Scalars['DateTime']['output'];
  /** 1-5,000 characters. */
  description: Scalars['String']['output'];
  /** Every change, oldest first: who, when, from what, to what. */
  history: Array<TicketChange>;
  id: Scalars['ID']['output'];
  location?: Maybe<Scalars['String']['output']>;
  /** Still OPEN or IN_PROGRESS after its SLA due time. */
  overdue: Scalars['Boolean']['output'];
  /** Detected from the text at creation; an ADMIN may override it. */
  priority: TicketPriority;
  reporter: User;
  /** Creation time plus the priority's SLA (recomputed from creation when the priority changes). */
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
  to?: Maybe<Scalars['String']['output']>;
};

/** What a change to a ticket changed. */
export type TicketChangeKind =
  | 'ASSIGNEE'
  | 'CREATED'
  | 'PRIORITY'
  | 'STATUS';

export type TicketOrder =
  /** Soonest SLA due time first. */
  | 'DUE_AT'
  /** Newest first (the default). */
  | 'NEWEST';

/** How urgent a ticket is; it sets the SLA: CRITICAL 1 h, HIGH 4 h, MEDIUM 24 h, LOW 72 h. */
export type TicketPriority =
  | 'CRITICAL'
  | 'HIGH'
  | 'LOW'
  | 'MEDIUM';

/** OPEN → IN_PROGRESS → RESOLVED → CLOSED, and RESOLVED → OPEN to reopen. */
export type TicketStatus =
  | 'CLOSED'
  | 'IN_PROGRESS'
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
  DateTime: ResolverTypeWrapper<Scalars['DateTime']['output']>;
  Mutation: ResolverTypeWrapper<Record<PropertyKey, never>>;
  ID: ResolverTypeWrapper<Scalars['ID']['output']>;
  PriorityAssessment: ResolverTypeWrapper<PriorityVerdict>;
  Float: ResolverTypeWrapper<Scalars['Float']['output']>;
  Query: ResolverTypeWrapper<Record<PropertyKey, never>>;
  Int: ResolverTypeWrapper<Scalars['Int']['output']>;
  Role: Role;
  Subscription: ResolverTypeWrapper<Record<PropertyKey, never>>;
  Ticket: ResolverTypeWrapper<TicketRow>;
  TicketChange: ResolverTypeWrapper<TicketChangeRow>;
  TicketChangeKind: TicketChangeKind;
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
  DateTime: Scalars['DateTime']['output'];
  Mutation: Record<PropertyKey, never>;
  ID: Scalars['ID']['output'];
  PriorityAssessment: PriorityVerdict;
  Float: Scalars['Float']['output'];
  Query: Record<PropertyKey, never>;
  Int: Scalars['Int']['output'];
  Subscription: Record<PropertyKey, never>;
  Ticket: TicketRow;
  TicketChange: TicketChangeRow;
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
  assignTicket?: Resolver<ResolversTypes['Ticket'], ParentType, ContextType, RequireFields<MutationAssignTicketArgs, 'assigneeId' | 'id'>>;
  createTicket?: Resolver<ResolversTypes['Ticket'], ParentType, ContextType, RequireFields<MutationCreateTicketArgs, 'input'>>;
  setTicketPriority?: Resolver<ResolversTypes['Ticket'], ParentType, ContextType, RequireFields<MutationSetTicketPriorityArgs, 'id' | 'priority'>>;
  updateTicketStatus?: Resolver<ResolversTypes['Ticket'], ParentType, ContextType, RequireFields<MutationUpdateTicketStatusArgs, 'id' | 'status'>>;
}>;

export type PriorityAssessmentResolvers<ContextType = MaintenanceContext, ParentType extends ResolversParentTypes['PriorityAssessment'] = ResolversParentTypes['PriorityAssessment']> = ResolversObject<{
  confidence?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  priority?: Resolver<ResolversTypes['TicketPriority'], ParentType, ContextType>;
}>;

export type QueryResolvers<ContextType = MaintenanceContext, ParentType extends ResolversParentTypes['Query'] = ResolversParentTypes['Query']> = ResolversObject<{
  classifyPriority?: Resolver<ResolversTypes['PriorityAssessment'], ParentType, ContextType, RequireFields<QueryClassifyPriorityArgs, 'text'>>;
  ticket?: Resolver<Maybe<ResolversTypes['Ticket']>, ParentType, ContextType, RequireFields<QueryTicketArgs, 'id'>>;
  tickets?: Resolver<Array<ResolversTypes['Ticket']>, ParentType, ContextType, RequireFields<QueryTicketsArgs, 'orderBy'>>;
}>;

export type SubscriptionResolvers<ContextType = MaintenanceContext, ParentType extends ResolversParentTypes['Subscription'] = ResolversParentTypes['Subscription']> = ResolversObject<{
  ticketUpdated?: SubscriptionResolver<ResolversTypes['Ticket'], "ticketUpdated", ParentType, ContextType, Partial<SubscriptionTicketUpdatedArgs>>;
}>;

export type TicketResolvers<ContextType = MaintenanceContext, ParentType extends ResolversParentTypes['Ticket'] = ResolversParentTypes['Ticket'], FederationReferenceType extends FederationReferenceTypes['Ticket'] = FederationReferenceTypes['Ticket']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Ticket']> | FederationReferenceType, FederationReferenceType, ContextType>;
  assignee?: Resolver<Maybe<ResolversTypes['User']>, ParentType, ContextType>;
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  description?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  history?: Resolver<Array<ResolversTypes['TicketChange']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  location?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  overdue?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  priority?: Resolver<ResolversTypes['TicketPriority'], ParentType, ContextType>;
  reporter?: Resolver<ResolversTypes['User'], ParentType, ContextType>;
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
  to?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
}>;

export type UserResolvers<ContextType = MaintenanceContext, ParentType extends ResolversParentTypes['User'] = ResolversParentTypes['User']> = ResolversObject<{
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
}>;

export type Resolvers<ContextType = MaintenanceContext> = ResolversObject<{
  DateTime?: GraphQLScalarType;
  Mutation?: MutationResolvers<ContextType>;
  PriorityAssessment?: PriorityAssessmentResolvers<ContextType>;
  Query?: QueryResolvers<ContextType>;
  Subscription?: SubscriptionResolvers<ContextType>;
  Ticket?: TicketResolvers<ContextType>;
  TicketChange?: TicketChangeResolvers<ContextType>;
  User?: UserResolvers<ContextType>;
}>;

export type DirectiveResolvers<ContextType = MaintenanceContext> = ResolversObject<{
  auth?: AuthDirectiveResolver<any, any, ContextType>;
}>;
