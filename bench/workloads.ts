/**
 * The benchmark's workloads (issue #13) and how one request of each is sent to a target: a
 * gateway (the client's request as it is) or a subgraph directly (signed as a gateway signs).
 * Shared by the benchmark, which checks answers, and the load generator, which sends them.
 */
import { addDays } from '../lib/campusTime';
import type { SubgraphName } from '../lib/config';
import { HMAC_EXTENSION, signOperation } from '../lib/hmac';
import { TIME_SLOTS } from '../subgraphs/booking/slots';

/** What requests are built from: tokens issued, and the seeded rows they refer to. */
export interface WorkloadData {
  /** Bench user 0's access token: "one user on all connections". */
  oneUser: string;
  /** Access tokens of bench users 0-19 ("20 distinct users"); user `i` books room `i` only. */
  users: string[];
  userEmails: string[];
  password: string;
  /** Access tokens of 20 FACULTY users (who may list every booking). */
  faculty: string[];
  /** 20 bench rooms, room `i` paired with `users[i]`. */
  roomIds: string[];
  /** The first bookable date (tomorrow on the campus clock). */
  firstBookingDate: string;
}

export interface GraphQLRequest {
  query: string;
  variables?: Record<string, unknown>;
  token?: string;
}

export interface Workload {
  name: string;
  /** Reads are also measured at the p99 connection count; writes are not. */
  kind: 'read' | 'write';
  /** The subgraph that answers it alone, so it is also sent there directly. */
  subgraph?: SubgraphName;
  /** Request number `k` of a run (numbers continue across runs, so writes never repeat). */
  request(k: number, data: WorkloadData): GraphQLRequest;
}

const ME_BOOKINGS = 'query MeBookings { me { bookings { room { id name } } } }';
const ROOMS = 'query Rooms { rooms { id name capacity } }';
const CLASSES = [
  { grade: 'A', weight: 3 },
  { grade: 'B+', weight: 2 },
  { gpa: 3.3, weight: 1 },
  { grade: 'C', weight: 2 },
  { grade: 'A-', weight: 3 },
];

const cycle = <T>(items: readonly T[], k: number): T => items[k % items.length];

/** Request `k` books room `k % 20` as its paired user, in the `k / 20`-th free (date, slot). */
function bookingInput(k: number, data: WorkloadData) {
  const group = Math.floor(k / data.roomIds.length);
  return {
    roomId: cycle(data.roomIds, k),
    date: addDays(data.firstBookingDate, Math.floor(group / TIME_SLOTS.length)),
    timeSlot: TIME_SLOTS[group % TIME_SLOTS.length].label,
  };
}

export const WORKLOADS: readonly Workload[] = [
  { name: 'me-bookings-1', kind: 'read', request: (_k, data) => ({ query: ME_BOOKINGS, token: data.oneUser }) },
  { name: 'me-bookings-20', kind: 'read', request: (k, data) => ({ query: ME_BOOKINGS, token: cycle(data.users, k) }) },
  { name: 'rooms-1', kind: 'read', subgraph: 'booking', request: (_k, data) => ({ query: ROOMS, token: data.oneUser }) },
  { name: 'rooms-20', kind: 'read', subgraph: 'booking', request: (k, data) => ({ query: ROOMS, token: cycle(data.users, k) }) },
  {
    name: 'login',
    kind: 'write',
    subgraph: 'users',
    request: (k, data) => ({
      query: 'mutation Login($email: String!, $password: String!) { login(email: $email, password: $password) { accessToken } }',
      variables: { email: cycle(data.userEmails, k), password: data.password },
    }),
  },
  {
    name: 'notifications',
    kind: 'read',
    subgraph: 'notifications',
    request: (k, data) => ({
      query: 'query Notifications { notifications(limit: 20) { id title read createdAt } unreadCount }',
      token: cycle(data.users, k),
    }),
  },
  {
    name: 'bookings-100',
    kind: 'read',
    request: (k, data) => ({
      query: 'query Bookings { bookings(limit: 100) { id date timeSlot room { id name } user { id name email } } }',
      token: cycle(data.faculty, k),
    }),
  },
  {
    name: 'gpa',
    kind: 'read',
    subgraph: 'gpa',
    request: (k, data) => ({
      query: 'query Gpa($classes: [GpaClassInput!]!) { calculateGpa(classes: $classes) { gpa totalWeight classCount } }',
      variables: { classes: CLASSES },
      token: cycle(data.users, k),
    }),
  },
  {
    // The same request with a class of its own each time (a GPA of 0.0-4.0 in millionths, so
    // no number repeats within a run): every request a response cache miss, so the cache's
    // cost on a miss shows.
    name: 'gpa-distinct',
    kind: 'read',
    subgraph: 'gpa',
    request: (k, data) => ({
      query: 'query Gpa($classes: [GpaClassInput!]!) { calculateGpa(classes: $classes) { gpa totalWeight classCount } }',
      variables: { classes: [...CLASSES, { gpa: (k % 4_000_001) / 1_000_000, weight: 1 }] },
      token: cycle(data.users, k),
    }),
  },
  {
    name: 'create-booking',
    kind: 'write',
    subgraph: 'booking',
    request: (k, data) => ({
      query: 'mutation Book($input: CreateBookingInput!) { createBooking(input: $input) { id date timeSlot status } }',
      variables: { input: bookingInput(k, data) },
      token: cycle(data.users, k),
    }),
  },
  {
    name: 'create-ticket',
    kind: 'write',
    subgraph: 'maintenance',
    request: (k, data) => ({
      query: 'mutation Ticket($input: CreateTicketInput!) { createTicket(input: $input) { id priority status slaDueAt } }',
      variables: {
        input: { title: `Heating fault ${k}`, description: `The radiator in room ${k % 40} stays cold all morning.`, location: 'Bench Hall' },
      },
      token: cycle(data.users, k),
    }),
  },
];

/** Where requests go: a gateway, or a subgraph that is sent signed requests. */
export interface TargetEndpoint {
  url: string;
  /** SUBGRAPH_HMAC_SECRET when the endpoint is a subgraph called directly. */
  signWith?: string;
}

export interface HttpRequest {
  headers: Record<string, string>;
  body: string;
}

/** The HTTP request for `request` at `endpoint`: a subgraph call carries the gateway's proof. */
export function httpRequest(endpoint: TargetEndpoint, request: GraphQLRequest): HttpRequest {
  const params = { query: request.query, variables: request.variables ?? {} };
  const extensions = endpoint.signWith ? { [HMAC_EXTENSION]: signOperation(endpoint.signWith, params) } : undefined;
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (request.token) headers.authorization = `Bearer ${request.token}`;
  return { headers, body: JSON.stringify({ ...params, extensions }) };
}

export function workloadsNamed(names: readonly string[]): Workload[] {
  if (names.length === 0) return [...WORKLOADS];
  const unknown = names.filter((name) => !WORKLOADS.some((workload) => workload.name === name));
  if (unknown.length > 0) {
    throw new Error(`Unknown workload ${unknown.join(', ')}; choose from ${WORKLOADS.map((w) => w.name).join(', ')}`);
  }
  return WORKLOADS.filter((workload) => names.includes(workload.name));
}
