// Plain shapes the newsroom pages render. The routes build them from the service's
// results (labels already in Persian); the views import no service or database.
import type { ComponentChildren } from 'preact';
import type { FlashMessage, NavItem } from '../../../ui/layouts/layout-props.js';
import type { StaffUser } from '../../../ui/layouts/staff-layout.js';
import type { StatusTone } from '../../../ui/components/status-tag/status-tag.js';
import type { SanitizedHtml } from '../../../ui/components/raw-html/raw-html.js';
import type { SummaryListRow } from '../../../ui/components/summary-list/summary-list.js';
import type { DiffPart } from './word-diff.js';

/** What every staff page needs around its content (the auth feature's staffChrome builds it). */
export interface StaffChrome {
  user: StaffUser | null;
  csrfToken: string;
  nav: NavItem[];
  flash?: FlashMessage;
}

export interface Choice {
  value: string;
  label: string;
}

/** Form values as typed (or as loaded), by field name; checkboxes carry a list. */
export type FormValues = Readonly<Record<string, string | readonly string[] | undefined>>;
export type FormErrors = Readonly<Record<string, string | undefined>>;

export interface StateView {
  label: string;
  tone: StatusTone;
}

/** One field's editorial suggestion (the «ویراستار»): what normalisation would change. */
export interface SuggestionView {
  field: 'overline' | 'headline' | 'lead' | 'body';
  label: string;
  parts: DiffPart[];
}

/** A field compared between two versions, as a word diff. */
export interface FieldDiffView {
  label: string;
  parts: DiffPart[];
}

export interface NewsRowView {
  id: number;
  href: string;
  headline: string;
  overline: string | null;
  kindLabel: string;
  state: StateView;
  placeLabel: string;
  authorName: string;
  /** «۳ ساعت و ۵ دقیقه» while the item waits for the desk. */
  waitLabel: string | null;
  overdue: boolean;
  submittedAt: Date | null;
  updatedAt: Date;
  dueAt: Date | null;
}

export interface ActionView {
  action: string;
  label: string;
  /** What the form asks for besides the button. */
  needs: 'none' | 'note' | 'time';
  noteLabel?: string;
  noteHint?: string;
  variant: 'primary' | 'secondary' | 'warning';
  confirm?: string;
  idempotencyKey: string;
}

export interface NoteView {
  id: number;
  authorName: string;
  at: Date;
  body: string;
}

export interface TransitionView {
  label: string;
  fromLabel: string;
  toLabel: string;
  at: Date;
  actorName: string;
  note: string | null;
}

export interface RevisionView {
  number: number;
  reasonLabel: string;
  at: Date;
  authorName: string;
  headline: string;
  current: boolean;
}

export interface TimelinessRow {
  label: string;
  at?: Date | null;
  /** A duration already in words, or null for a step not taken yet. */
  text?: string | null;
}

export interface NewsItemView {
  id: number;
  version: number;
  overline: string | null;
  headline: string;
  lead: string | null;
  bodyHtml: SanitizedHtml;
  kindLabel: string;
  state: StateView;
  meta: SummaryListRow[];
  correctionNote: string | null;
  correctedAt: Date | null;
  killReason: string | null;
  dueAt: Date | null;
  dueKind: 'schedule' | 'embargo' | null;
  publishedAt: Date | null;
}

export type { ComponentChildren };
