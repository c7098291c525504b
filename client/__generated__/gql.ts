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
    "mutation Login($email: String!, $password: String!) {\n  login(email: $email, password: $password) {\n    accessToken\n    refreshToken\n    expiresIn\n    user {\n      id\n      email\n      name\n      role\n    }\n  }\n}\n\nmutation RefreshToken($refreshToken: String!) {\n  refreshToken(refreshToken: $refreshToken) {\n    accessToken\n    refreshToken\n    expiresIn\n    user {\n      id\n      role\n    }\n  }\n}\n\nmutation Logout($refreshToken: String!) {\n  logout(refreshToken: $refreshToken)\n}\n\nquery Me {\n  me {\n    id\n    email\n    name\n    role\n    createdAt\n  }\n}": typeof types.LoginDocument,
    "query Rooms($minCapacity: Int) {\n  rooms(minCapacity: $minCapacity) {\n    id\n    name\n    capacity\n    amenities\n  }\n}\n\nquery AvailableSlots($roomId: ID!, $date: String!) {\n  availableSlots(roomId: $roomId, date: $date) {\n    label\n  }\n}\n\nmutation CreateBooking($input: CreateBookingInput!) {\n  createBooking(input: $input) {\n    id\n    date\n    timeSlot\n    status\n    room {\n      name\n    }\n  }\n}": typeof types.RoomsDocument,
    "query CalculateGpa($classes: [GpaClassInput!]!) {\n  calculateGpa(classes: $classes) {\n    gpa\n    totalWeight\n    classCount\n  }\n}": typeof types.CalculateGpaDocument,
    "mutation CreateTicket($input: CreateTicketInput!) {\n  createTicket(input: $input) {\n    id\n    title\n    priority\n    status\n    slaDueAt\n  }\n}\n\nsubscription TicketUpdated($ticketId: ID, $afterEventId: ID) {\n  ticketUpdated(ticketId: $ticketId, afterEventId: $afterEventId) {\n    id\n    title\n    priority\n    status\n    slaDueAt\n    overdue\n    reporter {\n      name\n    }\n  }\n}": typeof types.CreateTicketDocument,
};
const documents: Documents = {
    "mutation Login($email: String!, $password: String!) {\n  login(email: $email, password: $password) {\n    accessToken\n    refreshToken\n    expiresIn\n    user {\n      id\n      email\n      name\n      role\n    }\n  }\n}\n\nmutation RefreshToken($refreshToken: String!) {\n  refreshToken(refreshToken: $refreshToken) {\n    accessToken\n    refreshToken\n    expiresIn\n    user {\n      id\n      role\n    }\n  }\n}\n\nmutation Logout($refreshToken: String!) {\n  logout(refreshToken: $refreshToken)\n}\n\nquery Me {\n  me {\n    id\n    email\n    name\n    role\n    createdAt\n  }\n}": types.LoginDocument,
    "query Rooms($minCapacity: Int) {\n  rooms(minCapacity: $minCapacity) {\n    id\n    name\n    capacity\n    amenities\n  }\n}\n\nquery AvailableSlots($roomId: ID!, $date: String!) {\n  availableSlots(roomId: $roomId, date: $date) {\n    label\n  }\n}\n\nmutation CreateBooking($input: CreateBookingInput!) {\n  createBooking(input: $input) {\n    id\n    date\n    timeSlot\n    status\n    room {\n      name\n    }\n  }\n}": types.RoomsDocument,
    "query CalculateGpa($classes: [GpaClassInput!]!) {\n  calculateGpa(classes: $classes) {\n    gpa\n    totalWeight\n    classCount\n  }\n}": types.CalculateGpaDocument,
    "mutation CreateTicket($input: CreateTicketInput!) {\n  createTicket(input: $input) {\n    id\n    title\n    priority\n    status\n    slaDueAt\n  }\n}\n\nsubscription TicketUpdated($ticketId: ID, $afterEventId: ID) {\n  ticketUpdated(ticketId: $ticketId, afterEventId: $afterEventId) {\n    id\n    title\n    priority\n    status\n    slaDueAt\n    overdue\n    reporter {\n      name\n    }\n  }\n}": types.CreateTicketDocument,
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
export function graphql(source: "mutation Login($email: String!, $password: String!) {\n  login(email: $email, password: $password) {\n    accessToken\n    refreshToken\n    expiresIn\n    user {\n      id\n      email\n      name\n      role\n    }\n  }\n}\n\nmutation RefreshToken($refreshToken: String!) {\n  refreshToken(refreshToken: $refreshToken) {\n    accessToken\n    refreshToken\n    expiresIn\n    user {\n      id\n      role\n    }\n  }\n}\n\nmutation Logout($refreshToken: String!) {\n  logout(refreshToken: $refreshToken)\n}\n\nquery Me {\n  me {\n    id\n    email\n    name\n    role\n    createdAt\n  }\n}"): (typeof documents)["mutation Login($email: String!, $password: String!) {\n  login(email: $email, password: $password) {\n    accessToken\n    refreshToken\n    expiresIn\n    user {\n      id\n      email\n      name\n      role\n    }\n  }\n}\n\nmutation RefreshToken($refreshToken: String!) {\n  refreshToken(refreshToken: $refreshToken) {\n    accessToken\n    refreshToken\n    expiresIn\n    user {\n      id\n      role\n    }\n  }\n}\n\nmutation Logout($refreshToken: String!) {\n  logout(refreshToken: $refreshToken)\n}\n\nquery Me {\n  me {\n    id\n    email\n    name\n    role\n    createdAt\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query Rooms($minCapacity: Int) {\n  rooms(minCapacity: $minCapacity) {\n    id\n    name\n    capacity\n    amenities\n  }\n}\n\nquery AvailableSlots($roomId: ID!, $date: String!) {\n  availableSlots(roomId: $roomId, date: $date) {\n    label\n  }\n}\n\nmutation CreateBooking($input: CreateBookingInput!) {\n  createBooking(input: $input) {\n    id\n    date\n    timeSlot\n    status\n    room {\n      name\n    }\n  }\n}"): (typeof documents)["query Rooms($minCapacity: Int) {\n  rooms(minCapacity: $minCapacity) {\n    id\n    name\n    capacity\n    amenities\n  }\n}\n\nquery AvailableSlots($roomId: ID!, $date: String!) {\n  availableSlots(roomId: $roomId, date: $date) {\n    label\n  }\n}\n\nmutation CreateBooking($input: CreateBookingInput!) {\n  createBooking(input: $input) {\n    id\n    date\n    timeSlot\n    status\n    room {\n      name\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query CalculateGpa($classes: [GpaClassInput!]!) {\n  calculateGpa(classes: $classes) {\n    gpa\n    totalWeight\n    classCount\n  }\n}"): (typeof documents)["query CalculateGpa($classes: [GpaClassInput!]!) {\n  calculateGpa(classes: $classes) {\n    gpa\n    totalWeight\n    classCount\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation CreateTicket($input: CreateTicketInput!) {\n  createTicket(input: $input) {\n    id\n    title\n    priority\n    status\n    slaDueAt\n  }\n}\n\nsubscription TicketUpdated($ticketId: ID, $afterEventId: ID) {\n  ticketUpdated(ticketId: $ticketId, afterEventId: $afterEventId) {\n    id\n    title\n    priority\n    status\n    slaDueAt\n    overdue\n    reporter {\n      name\n    }\n  }\n}"): (typeof documents)["mutation CreateTicket($input: CreateTicketInput!) {\n  createTicket(input: $input) {\n    id\n    title\n    priority\n    status\n    slaDueAt\n  }\n}\n\nsubscription TicketUpdated($ticketId: ID, $afterEventId: ID) {\n  ticketUpdated(ticketId: $ticketId, afterEventId: $afterEventId) {\n    id\n    title\n    priority\n    status\n    slaDueAt\n    overdue\n    reporter {\n      name\n    }\n  }\n}"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;