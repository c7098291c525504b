/**
 * Calendar feeds (RFC 5545) that calendar apps subscribe to: a person's own bookings, or a
 * room's busy times (never who booked). The URL's secret is an HMAC of owner and version, so
 * nothing secret is stored and `resetCalendarUrl` (a new version) revokes the old URL. Served at
 * GET /calendar/... by this subgraph, reached through the gateway's generic proxy (only signed
 * requests are answered).
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import express, { type Request, type Response, type Router } from 'express';
import { addDays } from '../../lib/campusTime';
import { REQUEST_SIGNATURE_HEADER, verifyRequestSignature } from '../../lib/hmac';
import { isUuid } from '../../lib/validation';
import type { BookingService } from './service';
import { slotByLabel } from './slots';
import type { BookingRow } from './store';

export type FeedKind = 'user' | 'room';
const PATHS: Record<string, FeedKind> = { users: 'user', rooms: 'room' };
/** How far back a feed reaches, and how many events it holds at most. */
const FEED_PAST_DAYS = 30;
const FEED_MAX_EVENTS = 2000;

export interface CalendarOptions {
  secret: string;
  /** The gateway's public origin, e.g. https://campus.example. */
  publicOrigin: string;
  /** Proxied requests carry the gateway's signature keyed by this. */
  gatewaySecret: string;
}

/** RFC 5545 TEXT escaping. */
function escapeText(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r?\n/g, '\\n');
}

/** Lines of at most 75 octets, continued with a leading space (RFC 5545 3.1). */
function fold(line: string): string {
  const out: string[] = [];
  let current = '';
  for (const char of line) {
    const limit = out.length === 0 ? 75 : 74;
    if (Buffer.byteLength(current + char) > limit) {
      out.push(current);
      current = '';
    }
    current += char;
  }
  out.push(current);
  return out.join('\r\n ');
}

const utcStamp = (date: Date) =>
  date
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');

export class CalendarFeeds {
  constructor(
    private readonly core: BookingService,
    private readonly options: CalendarOptions,
  ) {}

  private token(kind: FeedKind, ownerId: string, version: number): string {
    return createHmac('sha256', this.options.secret).update(`${kind}:${ownerId}:${version}`).digest('base64url');
  }

  url(kind: FeedKind, ownerId: string, version: number): string {
    return `${this.options.publicOrigin}/calendar/${kind}s/${ownerId}/${this.token(kind, ownerId, version)}.ics`;
  }

  /** A new secret for the caller's own feed; the old URL stops working. */
  async reset(userId: string): Promise<string> {
    return this.url('user', userId, await this.core.schedule.bumpFeedVersion('user', userId));
  }

  private async verified(kind: FeedKind, ownerId: string, token: string): Promise<boolean> {
    const expected = Buffer.from(this.token(kind, ownerId, await this.core.schedule.feedVersion(kind, ownerId)));
    const given = Buffer.from(token);
    return given.length === expected.length && timingSafeEqual(given, expected);
  }

  private event(booking: BookingRow & { room_name: string }, kind: FeedKind, stamp: string): string[] {
    const { start, end } = this.core.slotTimes(booking.date, slotByLabel(booking.time_slot)!);
    // A room's feed says only that it is busy: no names, no booking ids.
    const uid = kind === 'room' ? createHmac('sha256', this.options.secret).update(booking.id).digest('hex').slice(0, 32) : booking.id;
    return [
      'BEGIN:VEVENT',
      `UID:${uid}@campus-services-hub`,
      `DTSTAMP:${stamp}`,
      `DTSTART:${utcStamp(start)}`,
      `DTEND:${utcStamp(end)}`,
      `SUMMARY:${escapeText(kind === 'room' ? 'Busy' : booking.room_name)}`,
      `LOCATION:${escapeText(booking.room_name)}`,
      'TRANSP:OPAQUE',
      'END:VEVENT',
    ];
  }

  /** The feed's text, or null when the owner or token is unknown. */
  async render(kind: FeedKind, ownerId: string, token: string): Promise<string | null> {
    if (!isUuid(ownerId) || !(await this.verified(kind, ownerId.toLowerCase(), token))) return null;
    const id = ownerId.toLowerCase();
    const room = kind === 'room' ? await this.core.store.roomExists(id) : undefined;
    if (kind === 'room' && !room) return null;
    const from = addDays(this.core.moment().date, -FEED_PAST_DAYS);
    const bookings = await this.core.schedule.feedBookings({ ...(kind === 'room' ? { roomId: id } : { userId: id }), from, limit: FEED_MAX_EVENTS });
    const stamp = utcStamp(this.core.now());
    const lines = [
      'BEGIN:VCALENDAR',
      'VERSION:2.0',
      'PRODID:-//Campus Services Hub//Booking//EN',
      'CALSCALE:GREGORIAN',
      'METHOD:PUBLISH',
      `X-WR-CALNAME:${escapeText(room ? `${room.name} (busy times)` : 'My campus bookings')}`,
      ...bookings.flatMap((booking) => this.event(booking, kind, stamp)),
      'END:VCALENDAR',
    ];
    return lines.map(fold).join('\r\n') + '\r\n';
  }

  /** GET /calendar/{users|rooms}/:id/:token.ics, answered only when the gateway signed it. */
  router(): Router {
    const router = express.Router();
    router.get('/calendar/:kind/:id/:file', (req, res, next) => void this.serve(req, res).catch(next));
    return router;
  }

  private async serve(req: Request, res: Response): Promise<void> {
    if (!verifyRequestSignature(this.options.gatewaySecret, req.method, req.originalUrl, req.headers[REQUEST_SIGNATURE_HEADER])) {
      res.status(401).type('text/plain').send('Subgraphs answer only the gateway');
      return;
    }
    const kind = PATHS[String(req.params.kind)];
    const match = /^([A-Za-z0-9_-]{16,100})\.ics$/.exec(String(req.params.file));
    const body = kind && match ? await this.render(kind, String(req.params.id), match[1]) : null;
    if (body === null) {
      res.status(404).type('text/plain').send('No such calendar');
      return;
    }
    res.set({
      'Content-Type': 'text/calendar; charset=utf-8',
      'Content-Disposition': `inline; filename="${kind}-calendar.ics"`,
      'Cache-Control': 'private, max-age=300',
      'X-Content-Type-Options': 'nosniff',
    });
    res.send(body);
  }
}
