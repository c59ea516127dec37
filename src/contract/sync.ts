import { z } from 'zod';
import { HttpUrl, Id, Limit, Timestamp, text } from './common.js';

/* Staying in sync: the calendar feed, webhooks and email digests. */

export const CalendarFeed = z.object({
  active: z.boolean(),
  prefix: z.string().nullable().describe('The start of the secret, to recognise it; the whole URL is shown once'),
  createdAt: Timestamp.nullable(),
  lastFetchedAt: Timestamp.nullable().describe('When a calendar app last fetched the feed'),
});
export type CalendarFeed = z.infer<typeof CalendarFeed>;

export const CalendarFeedCreated = CalendarFeed.extend({
  url: z.string().describe('The secret iCalendar URL: subscribe to it in a calendar app. Shown only now.'),
});
export type CalendarFeedCreated = z.infer<typeof CalendarFeedCreated>;

export const WEBHOOK_EVENTS = ['person.created', 'person.updated', 'interaction.logged', 'followup.due'] as const;
export const WebhookEvent = z.enum(WEBHOOK_EVENTS);
export type WebhookEvent = z.infer<typeof WebhookEvent>;

const WebhookUrl = HttpUrl.refine(
  (u) => {
    try {
      const url = new URL(u);
      return url.username === '' && url.password === '';
    } catch {
      return false;
    }
  },
  { message: 'must not carry a user name or password' },
);

const Events = z
  .array(WebhookEvent)
  .min(1, { message: 'choose at least one event' })
  .max(WEBHOOK_EVENTS.length)
  .transform((e) => [...new Set(e)]);

export const WebhookInput = z.strictObject({
  url: WebhookUrl.describe('http:// or https:// URL that receives a POST per event'),
  events: Events,
  description: text(200).optional(),
  active: z.boolean().optional(),
});
export type WebhookInput = z.input<typeof WebhookInput>;

export const WebhookUpdate = z.strictObject({
  url: WebhookUrl.optional(),
  events: Events.optional(),
  description: text(200).optional(),
  active: z.boolean().optional(),
});
export type WebhookUpdate = z.input<typeof WebhookUpdate>;

export const DeliveryStatus = z.enum(['pending', 'delivered', 'failed']);

export const Webhook = z.object({
  id: Id,
  url: z.string(),
  events: z.array(WebhookEvent),
  description: z.string(),
  active: z.boolean(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
  lastDelivery: z
    .object({ status: DeliveryStatus, at: Timestamp, responseCode: z.number().int().nullable() })
    .nullable(),
});
export type Webhook = z.infer<typeof Webhook>;

export const WebhookCreated = Webhook.extend({
  secret: z.string().describe('Signs every delivery (HMAC-SHA256). Shown only now: store it with the receiver.'),
});
export type WebhookCreated = z.infer<typeof WebhookCreated>;

export const WebhookDelivery = z.object({
  id: Id,
  webhookId: Id,
  event: z.string(),
  status: DeliveryStatus,
  attempts: z.number().int(),
  responseCode: z.number().int().nullable(),
  error: z.string().nullable(),
  nextAttemptAt: Timestamp.nullable(),
  createdAt: Timestamp,
  deliveredAt: Timestamp.nullable(),
});
export type WebhookDelivery = z.infer<typeof WebhookDelivery>;

export const DeliveryQuery = z.strictObject({
  webhookId: Id.optional(),
  status: DeliveryStatus.optional(),
  limit: Limit,
});

export const DigestFrequency = z.enum(['off', 'daily', 'weekly']);
export type DigestFrequency = z.infer<typeof DigestFrequency>;

export const DigestSettings = z.object({
  frequency: DigestFrequency,
  hour: z.number().int().describe('Local hour (0-23) the digest is sent at'),
  weekday: z.number().int().describe('Weekly digests: 0 Sunday … 6 Saturday'),
  timeZone: z.string().describe('The workspace time zone (Keep in touch settings)'),
  recipient: z.string().nullable().describe('Your account email'),
  mailConfigured: z.boolean().describe('Whether the server has SMTP settings; without them nothing is sent'),
});
export type DigestSettings = z.infer<typeof DigestSettings>;

export const DigestSettingsUpdate = z.strictObject({
  frequency: DigestFrequency.optional(),
  hour: z.number().int().min(0).max(23).optional(),
  weekday: z.number().int().min(0).max(6).optional(),
});
export type DigestSettingsUpdate = z.input<typeof DigestSettingsUpdate>;

export const DigestDelivery = z.object({
  id: Id,
  period: z.string().describe('daily:YYYY-MM-DD or weekly:YYYY-MM-DD (the local date it was due)'),
  recipient: z.string(),
  status: z.enum(['sending', 'sent', 'failed', 'skipped']),
  items: z.number().int(),
  error: z.string().nullable(),
  createdAt: Timestamp,
  sentAt: Timestamp.nullable(),
});
export type DigestDelivery = z.infer<typeof DigestDelivery>;

export const DigestPreview = z.object({ subject: z.string(), text: z.string(), html: z.string(), items: z.number() });
export type DigestPreview = z.infer<typeof DigestPreview>;
