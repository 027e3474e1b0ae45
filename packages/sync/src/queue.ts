/**
 * The office queue's contract, shared by the server (validation) and the device (the
 * filter form, the URL and the offline fallback): filters, keyset cursor, row shape,
 * and the deadline risk of a row.
 */
import * as z from 'zod/mini';
import { DOSSIER_STATES, type DossierState } from '@icaro/domain';

export const DEADLINE_RISKS = ['on_time', 'warning', 'overdue'] as const;
export type DeadlineRisk = (typeof DEADLINE_RISKS)[number];

/** 'open': every state that is not final (the default); 'all': no state filter. */
export const QUEUE_STATE_FILTERS = ['open', 'all', ...DOSSIER_STATES.filter((s) => s !== 'BOZZA')] as const;
export type QueueStateFilter = (typeof QUEUE_STATE_FILTERS)[number];

export const QUEUE_PAGE_SIZE = 25;
export const QUEUE_MAX_PAGE_SIZE = 100;

/**
 * Where a page starts: the (due date, id) of the last row of the previous page.
 * Rows without a due date come after all dated ones, ordered by id.
 */
export const queueCursorSchema = z.strictObject({
  due: z.nullable(z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/))),
  id: z.uuid(),
});
export type QueueCursor = z.infer<typeof queueCursorSchema>;

export const queueQuerySchema = z.strictObject({
  state: z.optional(z.enum(QUEUE_STATE_FILTERS)),
  service: z.optional(z.string().check(z.regex(/^PA-[A-Z]{3}-\d{2}$/))),
  circoscrizione: z.optional(z.number().check(z.int(), z.minimum(1), z.maximum(8))),
  /** An officer's user id, or 'none' for dossiers nobody is assigned to. */
  assignee: z.optional(z.union([z.uuid(), z.literal('none')])),
  risk: z.optional(z.enum(DEADLINE_RISKS)),
  /** Name, codice fiscale, reference or protocol number. */
  search: z.optional(z.string().check(z.trim(), z.minLength(2), z.maxLength(60))),
  after: z.optional(queueCursorSchema),
  limit: z.optional(z.number().check(z.int(), z.positive(), z.maximum(QUEUE_MAX_PAGE_SIZE))),
});
export type QueueQuery = z.infer<typeof queueQuerySchema>;

export interface QueueRow {
  id: string;
  reference: string;
  protocolNumber: string | null;
  status: DossierState;
  serviceCode: string;
  circoscrizione: number;
  applicantName: string;
  assignedTo: string | null;
  assignedToName: string | null;
  receivedAt: string;
  dueDate: string | null;
  warnDate: string | null;
  risk: DeadlineRisk | null;
}

export interface QueuePage {
  rows: QueueRow[];
  /** Dossiers matching the filters, across all pages. */
  total: number;
  /** The cursor of the next page, or null on the last one. */
  next: QueueCursor | null;
  /** The day the risks were computed for (Europe/Rome). */
  today: string;
}

export interface OfficerLoad {
  userId: string;
  name: string;
  open: number;
  warning: number;
  overdue: number;
}

/**
 * The risk of a dossier whose clock runs, on a given day: overdue after the due date,
 * a warning from 80% of the term, on time before. Null when no clock runs.
 * Dates are ISO days, so comparing strings compares days.
 */
export function deadlineRisk(dueDate: string | null | undefined, warnDate: string | null | undefined, today: string): DeadlineRisk | null {
  if (!dueDate) return null;
  if (dueDate < today) return 'overdue';
  if (warnDate && warnDate <= today) return 'warning';
  return 'on_time';
}
