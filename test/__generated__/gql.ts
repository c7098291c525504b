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
    "\n  query CachedRooms {\n    rooms(limit: 100) {\n      id\n      name\n      capacity\n    }\n  }\n": typeof types.CachedRoomsDocument,
    "\n  mutation CachedRoomUpdate($id: ID!, $input: RoomInput!) {\n    updateRoom(id: $id, input: $input) {\n      id\n      name\n    }\n  }\n": typeof types.CachedRoomUpdateDocument,
    "\n  mutation NotifiedBooking($i: CreateBookingInput!) {\n    createBooking(input: $i) {\n      id\n    }\n  }\n": typeof types.NotifiedBookingDocument,
    "\n  mutation NotifiedCancel($id: ID!) {\n    cancelBooking(id: $id) {\n      id\n    }\n  }\n": typeof types.NotifiedCancelDocument,
    "\n  query NotificationList($u: Boolean, $l: Int, $o: Int) {\n    notifications(unreadOnly: $u, limit: $l, offset: $o) {\n      id\n      title\n      message\n      read\n      source\n      user {\n        id\n      }\n    }\n    unreadCount\n  }\n": typeof types.NotificationListDocument,
    "\n  mutation NotificationSend($i: CreateNotificationInput!) {\n    createNotification(input: $i) {\n      id\n      title\n      user {\n        id\n      }\n    }\n  }\n": typeof types.NotificationSendDocument,
    "\n  mutation NotificationMarkRead($id: ID!) {\n    markNotificationRead(id: $id) {\n      id\n      read\n      readAt\n    }\n  }\n": typeof types.NotificationMarkReadDocument,
    "\n  query NotifiedRooms {\n    rooms {\n      id\n    }\n  }\n": typeof types.NotifiedRoomsDocument,
    "\n        mutation NotificationsMarkAll {\n          markAllNotificationsRead\n        }\n      ": typeof types.NotificationsMarkAllDocument,
    "\n      query NotificationsOfUser($u: ID!) {\n        notifications(userId: $u) {\n          title\n        }\n      }\n    ": typeof types.NotificationsOfUserDocument,
    "\n  mutation TestSignIn($email: String!, $password: String!) {\n    login(email: $email, password: $password) {\n      accessToken\n      refreshToken\n      user {\n        id\n      }\n    }\n  }\n": typeof types.TestSignInDocument,
    "\n  mutation TestCreateUser($input: CreateUserInput!) {\n    createUser(input: $input) {\n      id\n    }\n  }\n": typeof types.TestCreateUserDocument,
};
const documents: Documents = {
    "\n  query CachedRooms {\n    rooms(limit: 100) {\n      id\n      name\n      capacity\n    }\n  }\n": types.CachedRoomsDocument,
    "\n  mutation CachedRoomUpdate($id: ID!, $input: RoomInput!) {\n    updateRoom(id: $id, input: $input) {\n      id\n      name\n    }\n  }\n": types.CachedRoomUpdateDocument,
    "\n  mutation NotifiedBooking($i: CreateBookingInput!) {\n    createBooking(input: $i) {\n      id\n    }\n  }\n": types.NotifiedBookingDocument,
    "\n  mutation NotifiedCancel($id: ID!) {\n    cancelBooking(id: $id) {\n      id\n    }\n  }\n": types.NotifiedCancelDocument,
    "\n  query NotificationList($u: Boolean, $l: Int, $o: Int) {\n    notifications(unreadOnly: $u, limit: $l, offset: $o) {\n      id\n      title\n      message\n      read\n      source\n      user {\n        id\n      }\n    }\n    unreadCount\n  }\n": types.NotificationListDocument,
    "\n  mutation NotificationSend($i: CreateNotificationInput!) {\n    createNotification(input: $i) {\n      id\n      title\n      user {\n        id\n      }\n    }\n  }\n": types.NotificationSendDocument,
    "\n  mutation NotificationMarkRead($id: ID!) {\n    markNotificationRead(id: $id) {\n      id\n      read\n      readAt\n    }\n  }\n": types.NotificationMarkReadDocument,
    "\n  query NotifiedRooms {\n    rooms {\n      id\n    }\n  }\n": types.NotifiedRoomsDocument,
    "\n        mutation NotificationsMarkAll {\n          markAllNotificationsRead\n        }\n      ": types.NotificationsMarkAllDocument,
    "\n      query NotificationsOfUser($u: ID!) {\n        notifications(userId: $u) {\n          title\n        }\n      }\n    ": types.NotificationsOfUserDocument,
    "\n  mutation TestSignIn($email: String!, $password: String!) {\n    login(email: $email, password: $password) {\n      accessToken\n      refreshToken\n      user {\n        id\n      }\n    }\n  }\n": types.TestSignInDocument,
    "\n  mutation TestCreateUser($input: CreateUserInput!) {\n    createUser(input: $input) {\n      id\n    }\n  }\n": types.TestCreateUserDocument,
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
export function graphql(source: "\n  query CachedRooms {\n    rooms(limit: 100) {\n      id\n      name\n      capacity\n    }\n  }\n"): (typeof documents)["\n  query CachedRooms {\n    rooms(limit: 100) {\n      id\n      name\n      capacity\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CachedRoomUpdate($id: ID!, $input: RoomInput!) {\n    updateRoom(id: $id, input: $input) {\n      id\n      name\n    }\n  }\n"): (typeof documents)["\n  mutation CachedRoomUpdate($id: ID!, $input: RoomInput!) {\n    updateRoom(id: $id, input: $input) {\n      id\n      name\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation NotifiedBooking($i: CreateBookingInput!) {\n    createBooking(input: $i) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation NotifiedBooking($i: CreateBookingInput!) {\n    createBooking(input: $i) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation NotifiedCancel($id: ID!) {\n    cancelBooking(id: $id) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation NotifiedCancel($id: ID!) {\n    cancelBooking(id: $id) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query NotificationList($u: Boolean, $l: Int, $o: Int) {\n    notifications(unreadOnly: $u, limit: $l, offset: $o) {\n      id\n      title\n      message\n      read\n      source\n      user {\n        id\n      }\n    }\n    unreadCount\n  }\n"): (typeof documents)["\n  query NotificationList($u: Boolean, $l: Int, $o: Int) {\n    notifications(unreadOnly: $u, limit: $l, offset: $o) {\n      id\n      title\n      message\n      read\n      source\n      user {\n        id\n      }\n    }\n    unreadCount\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation NotificationSend($i: CreateNotificationInput!) {\n    createNotification(input: $i) {\n      id\n      title\n      user {\n        id\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation NotificationSend($i: CreateNotificationInput!) {\n    createNotification(input: $i) {\n      id\n      title\n      user {\n        id\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation NotificationMarkRead($id: ID!) {\n    markNotificationRead(id: $id) {\n      id\n      read\n      readAt\n    }\n  }\n"): (typeof documents)["\n  mutation NotificationMarkRead($id: ID!) {\n    markNotificationRead(id: $id) {\n      id\n      read\n      readAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query NotifiedRooms {\n    rooms {\n      id\n    }\n  }\n"): (typeof documents)["\n  query NotifiedRooms {\n    rooms {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n        mutation NotificationsMarkAll {\n          markAllNotificationsRead\n        }\n      "): (typeof documents)["\n        mutation NotificationsMarkAll {\n          markAllNotificationsRead\n        }\n      "];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n      query NotificationsOfUser($u: ID!) {\n        notifications(userId: $u) {\n          title\n        }\n      }\n    "): (typeof documents)["\n      query NotificationsOfUser($u: ID!) {\n        notifications(userId: $u) {\n          title\n        }\n      }\n    "];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation TestSignIn($email: String!, $password: String!) {\n    login(email: $email, password: $password) {\n      accessToken\n      refreshToken\n      user {\n        id\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation TestSignIn($email: String!, $password: String!) {\n    login(email: $email, password: $password) {\n      accessToken\n      refreshToken\n      user {\n        id\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation TestCreateUser($input: CreateUserInput!) {\n    createUser(input: $input) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation TestCreateUser($input: CreateUserInput!) {\n    createUser(input: $input) {\n      id\n    }\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;