// Input schemas for photo details. Text is normalised (ی/ک, half-spaces) on the way in;
// an empty field is stored as null. Caption and alt are optional while uploading and
// required only when the owning item is submitted (missingForSubmit).
import { z } from 'zod';
import { numberField, optionalText } from '../../core/http/forms.js';

export const MEDIA_LIMITS = { caption: 1000, alt: 300, credit: 150 } as const;

export const MEDIA_FIELD_LABELS = {
  caption: 'زیرنویس عکس',
  alt: 'متن جایگزین',
  credit: 'عکاس / منبع',
  version: 'نسخه',
} as const;

export const mediaDetailsSchema = z
  .object({
    caption: optionalText({ label: MEDIA_FIELD_LABELS.caption, max: MEDIA_LIMITS.caption }),
    alt: optionalText({ label: MEDIA_FIELD_LABELS.alt, max: MEDIA_LIMITS.alt }),
    credit: optionalText({ label: MEDIA_FIELD_LABELS.credit, max: MEDIA_LIMITS.credit }),
  })
  .strict();

export type MediaDetails = z.output<typeof mediaDetailsSchema>;
/** As typed: each field may be absent (keep what is stored) or a string ('' clears it). */
export type MediaDetailsInput = { caption?: string | null; alt?: string | null; credit?: string | null };

export const versionSchema = numberField({ label: MEDIA_FIELD_LABELS.version, integer: true, min: 1 });
