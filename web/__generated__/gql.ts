/* eslint-disable */
import * as types from './graphql';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "fragment BoardTicket on Ticket {\n  id\n  title\n  priority\n  status\n  slaDueAt\n  overdue\n  location\n  updatedAt\n  reporter {\n    name\n  }\n}\n\nmutation DashboardSignIn($email: String!, $password: String!) {\n  login(email: $email, password: $password) {\n    ...DashboardSession\n  }\n}\n\nmutation DashboardRefresh($refreshToken: String!) {\n  refreshToken(refreshToken: $refreshToken) {\n    ...DashboardSession\n  }\n}\n\nmutation DashboardSignOut($refreshToken: String!) {\n  logout(refreshToken: $refreshToken)\n}\n\nfragment DashboardSession on AuthPayload {\n  accessToken\n  refreshToken\n  expiresIn\n  user {\n    id\n    name\n    role\n  }\n}\n\nquery OpenTickets($limit: Int!) {\n  open: tickets(status: OPEN, orderBy: DUE_AT, limit: $limit) {\n    ...BoardTicket\n  }\n  inProgress: tickets(status: IN_PROGRESS, orderBy: DUE_AT, limit: $limit) {\n    ...BoardTicket\n  }\n}\n\nsubscription BoardTicketUpdated {\n  ticketUpdated {\n    ...BoardTicket\n  }\n}\n\nsubscription BellNotificationAdded($after: ID) {\n  notificationAdded(afterEventId: $after) {\n    id\n    title\n  }\n}": typeof types.BoardTicketFragmentDoc,
};
const documents: Documents = {
    "fragment BoardTicket on Ticket {\n  id\n  title\n  priority\n  status\n  slaDueAt\n  overdue\n  location\n  updatedAt\n  reporter {\n    name\n  }\n}\n\nmutation DashboardSignIn($email: String!, $password: String!) {\n  login(email: $email, password: $password) {\n    ...DashboardSession\n  }\n}\n\nmutation DashboardRefresh($refreshToken: String!) {\n  refreshToken(refreshToken: $refreshToken) {\n    ...DashboardSession\n  }\n}\n\nmutation DashboardSignOut($refreshToken: String!) {\n  logout(refreshToken: $refreshToken)\n}\n\nfragment DashboardSession on AuthPayload {\n  accessToken\n  refreshToken\n  expiresIn\n  user {\n    id\n    name\n    role\n  }\n}\n\nquery OpenTickets($limit: Int!) {\n  open: tickets(status: OPEN, orderBy: DUE_AT, limit: $limit) {\n    ...BoardTicket\n  }\n  inProgress: tickets(status: IN_PROGRESS, orderBy: DUE_AT, limit: $limit) {\n    ...BoardTicket\n  }\n}\n\nsubscription BoardTicketUpdated {\n  ticketUpdated {\n    ...BoardTicket\n  }\n}\n\nsubscription BellNotificationAdded($after: ID) {\n  notificationAdded(afterEventId: $after) {\n    id\n    title\n  }\n}": types.BoardTicketFragmentDoc,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "fragment BoardTicket on Ticket {\n  id\n  title\n  priority\n  status\n  slaDueAt\n  overdue\n  location\n  updatedAt\n  reporter {\n    name\n  }\n}\n\nmutation DashboardSignIn($email: String!, $password: String!) {\n  login(email: $email, password: $password) {\n    ...DashboardSession\n  }\n}\n\nmutation DashboardRefresh($refreshToken: String!) {\n  refreshToken(refreshToken: $refreshToken) {\n    ...DashboardSession\n  }\n}\n\nmutation DashboardSignOut($refreshToken: String!) {\n  logout(refreshToken: $refreshToken)\n}\n\nfragment DashboardSession on AuthPayload {\n  accessToken\n  refreshToken\n  expiresIn\n  user {\n    id\n    name\n    role\n  }\n}\n\nquery OpenTickets($limit: Int!) {\n  open: tickets(status: OPEN, orderBy: DUE_AT, limit: $limit) {\n    ...BoardTicket\n  }\n  inProgress: tickets(status: IN_PROGRESS, orderBy: DUE_AT, limit: $limit) {\n    ...BoardTicket\n  }\n}\n\nsubscription BoardTicketUpdated {\n  ticketUpdated {\n    ...BoardTicket\n  }\n}\n\nsubscription BellNotificationAdded($after: ID) {\n  notificationAdded(afterEventId: $after) {\n    id\n    title\n  }\n}"): (typeof documents)["fragment BoardTicket on Ticket {\n  id\n  title\n  priority\n  status\n  slaDueAt\n  overdue\n  location\n  updatedAt\n  reporter {\n    name\n  }\n}\n\nmutation DashboardSignIn($email: String!, $password: String!) {\n  login(email: $email, password: $password) {\n    ...DashboardSession\n  }\n}\n\nmutation DashboardRefresh($refreshToken: String!) {\n  refreshToken(refreshToken: $refreshToken) {\n    ...DashboardSession\n  }\n}\n\nmutation DashboardSignOut($refreshToken: String!) {\n  logout(refreshToken: $refreshToken)\n}\n\nfragment DashboardSession on AuthPayload {\n  accessToken\n  refreshToken\n  expiresIn\n  user {\n    id\n    name\n    role\n  }\n}\n\nquery OpenTickets($limit: Int!) {\n  open: tickets(status: OPEN, orderBy: DUE_AT, limit: $limit) {\n    ...BoardTicket\n  }\n  inProgress: tickets(status: IN_PROGRESS, orderBy: DUE_AT, limit: $limit) {\n    ...BoardTicket\n  }\n}\n\nsubscription BoardTicketUpdated {\n  ticketUpdated {\n    ...BoardTicket\n  }\n}\n\nsubscription BellNotificationAdded($after: ID) {\n  notificationAdded(afterEventId: $after) {\n    id\n    title\n  }\n}"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;