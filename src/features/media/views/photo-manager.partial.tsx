// The photos of one item (a news item, …): thumbnails with caption, alt text and credit,
// the lead photo, order and removal in one form; an upload form below it. Works without
// JavaScript (each button posts the whole form, so typed captions are saved too); with
// JavaScript the upload form shows a progress bar per file (static/js/upload.js).
import { Button, ButtonGroup } from '../../../ui/components/button/button.js';
import { Form } from '../../../ui/components/form/form.js';
import { TextField } from '../../../ui/components/text-field/text-field.js';
import { TextareaField } from '../../../ui/components/textarea-field/textarea-field.js';
import { formatJalaliDateTime, toPersianDigits } from '../../../core/persian/index.js';

/** What the partial needs of a photo; the media service's AttachedPhoto fits as it is. */
export interface PhotoManagerPhoto {
  id: string;
  version: number;
  width: number;
  height: number;
  caption: string | null;
  alt: string | null;
  credit: string | null;
  isLead: boolean;
  thumbUrl: string;
  srcset: { webp: string; jpeg: string };
  takenAt?: Date | null;
  cameraMake?: string | null;
  cameraModel?: string | null;
}

export interface PhotoManagerProps {
  csrfToken: string;
  ownerKind: string;
  ownerId: number;
  photos: readonly PhotoManagerPhoto[];
  /** Where both forms send the writer back to (the item's edit page). */
  returnTo: string;
  /** Defaults to `/staff/media`. */
  uploadAction?: string;
  /** Defaults to `/staff/media/owners/<kind>/<id>`. */
  saveAction?: string;
  /** Field errors keyed by input id (`caption_<uuid>`, `alt_<uuid>`…), e.g. from missingForSubmit. */
  errors?: Readonly<Record<string, string>>;
  /** What was typed, keyed by input name, to show again after an error. */
  values?: Readonly<Record<string, string>>;
  heading?: string;
  /** Read-only: thumbnails and details without inputs (an item the user may not edit). */
  readOnly?: boolean;
}

const THUMB_WIDTH = 160;
const fa = (n: number) => toPersianDigits(String(n));

function Thumbnail(props: { photo: PhotoManagerPhoto }) {
  const p = props.photo;
  const height = Math.max(1, Math.round((THUMB_WIDTH * p.height) / p.width));
  const sizes = `${THUMB_WIDTH}px`;
  return (
    <picture class="photo-manager__thumb">
      {p.srcset.webp && <source type="image/webp" srcset={p.srcset.webp} sizes={sizes} />}
      <img src={p.thumbUrl} srcset={p.srcset.jpeg || undefined} sizes={sizes} width={THUMB_WIDTH} height={height} alt={p.alt ?? ''} loading="lazy" decoding="async" />
    </picture>
  );
}

/** Size, when taken and the camera: read from the file before its metadata was removed. */
function Facts(props: { photo: PhotoManagerPhoto }) {
  const p = props.photo;
  const camera = [p.cameraMake, p.cameraModel].filter(Boolean).join(' ');
  return (
    <p class="hint">
      {/* Width × height reads left to right, as on every screen and camera. */}
      <bdi dir="ltr">
        {fa(p.width)}×{fa(p.height)}
      </bdi>{' '}
      پیکسل
      {p.takenAt && `، عکاسی: ${formatJalaliDateTime(p.takenAt)}`}
      {camera && (
        <>
          ، دوربین: <bdi>{camera}</bdi>
        </>
      )}
    </p>
  );
}

export function PhotoManager(props: PhotoManagerProps) {
  const errors = props.errors ?? {};
  const values = props.values ?? {};
  const uploadAction = props.uploadAction ?? '/staff/media';
  const saveAction = props.saveAction ?? `/staff/media/owners/${props.ownerKind}/${props.ownerId}`;
  const headingId = `photos-${props.ownerKind}-${props.ownerId}-heading`;
  const value = (name: string, stored: string | null) => values[name] ?? stored ?? '';
  // The token rides in the query as well: a multipart body is not read before the CSRF check.
  const uploadUrl = `${uploadAction}?_csrf=${encodeURIComponent(props.csrfToken)}`;
  const count = props.photos.length;

  return (
    <section class="photo-manager" aria-labelledby={headingId}>
      <h2 id={headingId}>{props.heading ?? 'عکس‌ها'}</h2>
      {count === 0 ? (
        <p class="photo-manager__empty">
          {props.readOnly ? 'عکسی افزوده نشده است.' : 'هنوز عکسی افزوده نشده است. عکس‌ها را با فرم «افزودن عکس» در پایین همین بخش بارگذاری کنید.'}
        </p>
      ) : props.readOnly ? (
        <ol class="photo-manager__list">
          {props.photos.map((p, i) => (
            <li class="photo-manager__item" key={p.id}>
              <Thumbnail photo={p} />
              <p>
                عکس {fa(i + 1)}
                {p.isLead && <span class="tag tag--info">عکس اصلی</span>}
              </p>
              {p.caption && <p dir="auto">{p.caption}</p>}
              {p.credit && <p class="small" dir="auto">عکس: {p.credit}</p>}
            </li>
          ))}
        </ol>
      ) : (
        <Form action={saveAction} csrfToken={props.csrfToken} id={`photo-list-${props.ownerKind}-${props.ownerId}`}>
          <input type="hidden" name="return" value={props.returnTo} />
          {/* Enter in a text field presses the first submit button: make that «save», not «move up». */}
          <button type="submit" name="action" value="save" class="visually-hidden" tabindex={-1}>
            ذخیرهٔ عکس‌ها
          </button>
          <ol class="photo-manager__list">
            {props.photos.map((p, i) => {
              const n = fa(i + 1);
              const leadId = `lead_${p.id}`;
              return (
                <li class="photo-manager__item" id={`photo-${p.id}`} key={p.id}>
                  <fieldset class="fieldset">
                    <legend class="fieldset__legend">
                      عکس {n}
                      {p.isLead && (
                        <>
                          {' '}
                          <span class="tag tag--info">عکس اصلی</span>
                        </>
                      )}
                    </legend>
                    <Thumbnail photo={p} />
                    <Facts photo={p} />
                    <input type="hidden" name={`version_${p.id}`} value={String(p.version)} />
                    <TextareaField
                      name={`caption_${p.id}`}
                      label={`زیرنویس عکس ${n}`}
                      hint="آنچه خواننده باید دربارهٔ عکس بداند: چه کسی، کجا، چه زمانی."
                      rows={2}
                      maxLength={1000}
                      value={value(`caption_${p.id}`, p.caption)}
                      error={errors[`caption_${p.id}`]}
                    />
                    <TextField
                      name={`alt_${p.id}`}
                      label={`متن جایگزین عکس ${n}`}
                      hint="آنچه در عکس دیده می‌شود، برای کسانی که عکس را نمی‌بینند."
                      dir="auto"
                      maxLength={300}
                      value={value(`alt_${p.id}`, p.alt)}
                      error={errors[`alt_${p.id}`]}
                    />
                    <TextField
                      name={`credit_${p.id}`}
                      label={`عکاس یا منبع عکس ${n}`}
                      optional
                      dir="auto"
                      width="30"
                      maxLength={150}
                      value={value(`credit_${p.id}`, p.credit)}
                      error={errors[`credit_${p.id}`]}
                    />
                    <div class="radios__item">
                      <input class="radios__input" type="radio" id={leadId} name="lead" value={p.id} checked={(values.lead ?? (p.isLead ? p.id : '')) === p.id} />
                      <label class="radios__label" for={leadId}>
                        عکس اصلی خبر باشد
                      </label>
                    </div>
                    <ButtonGroup>
                      {i > 0 && (
                        <Button variant="secondary" name="action" value={`up:${p.id}`}>
                          جابه‌جایی به بالا<span class="visually-hidden"> (عکس {n})</span>
                        </Button>
                      )}
                      {i < count - 1 && (
                        <Button variant="secondary" name="action" value={`down:${p.id}`}>
                          جابه‌جایی به پایین<span class="visually-hidden"> (عکس {n})</span>
                        </Button>
                      )}
                      <Button variant="warning" name="action" value={`remove:${p.id}`} confirm={`عکس ${n} از این خبر برداشته شود؟`}>
                        برداشتن<span class="visually-hidden"> عکس {n}</span>
                      </Button>
                    </ButtonGroup>
                  </fieldset>
                </li>
              );
            })}
          </ol>
          <Button name="action" value="save">
            ذخیرهٔ عکس‌ها
          </Button>
        </Form>
      )}
      {!props.readOnly && (
        <Form
          action={uploadUrl}
          csrfToken={props.csrfToken}
          enctype="multipart/form-data"
          id={`photo-upload-${props.ownerKind}-${props.ownerId}`}
          class="photo-upload"
          attributes={{ 'data-module': 'photo-upload' }}
        >
          <input type="hidden" name="owner_kind" value={props.ownerKind} />
          <input type="hidden" name="owner_id" value={String(props.ownerId)} />
          <input type="hidden" name="return" value={props.returnTo} />
          <div class={errors.file ? 'form-group form-group--error' : 'form-group'}>
            <label class="label" for={`photo-files-${props.ownerKind}-${props.ownerId}`}>
              افزودن عکس
            </label>
            <div class="hint" id={`photo-files-${props.ownerKind}-${props.ownerId}-hint`}>
              JPEG، PNG یا WebP؛ هر پرونده حداکثر {fa(15)} مگابایت و {fa(40)} مگاپیکسل؛ تا {fa(10)} پرونده با هم. مکان (GPS) و دیگر
              اطلاعات پنهان پرونده پیش از انتشار پاک می‌شود.
            </div>
            {errors.file && (
              <p class="error-message" id={`photo-files-${props.ownerKind}-${props.ownerId}-error`}>
                <span class="visually-hidden">خطا:</span> {errors.file}
              </p>
            )}
            <input
              class="file-upload"
              type="file"
              id={`photo-files-${props.ownerKind}-${props.ownerId}`}
              name="file"
              multiple
              accept="image/jpeg,image/png,image/webp"
              aria-describedby={`photo-files-${props.ownerKind}-${props.ownerId}-hint${errors.file ? ` photo-files-${props.ownerKind}-${props.ownerId}-error` : ''}`}
            />
          </div>
          <div class="photo-upload__status" data-upload-status aria-live="polite"></div>
          <Button variant="secondary">بارگذاری عکس</Button>
        </Form>
      )}
    </section>
  );
}
