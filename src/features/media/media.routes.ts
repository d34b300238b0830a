// Photo routes: upload (multipart, one or several files), details, the PhotoManager's
// save form, and the public renditions. Multipart is registered inside this plugin so no
// other route accepts it. CSRF for multipart comes from the `x-csrf-token` header or the
// `?_csrf=` query (the body is not parsed before the check).
import multipart, { type MultipartFile } from '@fastify/multipart';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { AppError, badRequest, forbidden, notFound, validationFailed } from '../../core/errors.js';
import type { CurrentUser } from '../../core/http/current-user.js';
import { wantsJson } from '../../core/http/error-handler.js';
import { setFlash } from '../../core/http/flash.js';
import { safeNext } from '../../core/http/page-context.js';
import { toPersianDigits } from '../../core/persian/index.js';
import { MAX_UPLOAD_BYTES, emptyFile, fileTooLarge } from './media.images.js';
import { versionSchema } from './media.inputs.js';
import { isAssetId, isOwnerKind, type IngestedAsset, type MediaActor, type MediaAsset, type MediaService, type PhotoListChange } from './media.service.js';

/** How a feature that owns photos (the newsroom: kind 'news') says who may change them. */
export interface MediaOwnerAccess {
  /**
   * May this user change the photos of owner `ownerId`? Throw an AppError (404) for an
   * owner that does not exist; false answers 403.
   */
  canEdit(user: CurrentUser, ownerId: number): Promise<boolean>;
}

export interface MediaRoutesOptions {
  media: MediaService;
  /** Owner kinds the upload and photo-list routes accept, keyed by owner_kind. */
  owners?: Readonly<Record<string, MediaOwnerAccess>>;
}

export const MEDIA_UPLOAD_LIMITS = { fileSize: MAX_UPLOAD_BYTES, files: 10, fields: 20, parts: 30, fieldSize: 16 * 1024 } as const;

const UPLOAD_FIELDS = new Set(['_csrf', 'owner_kind', 'owner_id', 'return', 'caption', 'alt', 'credit']);
const DEFAULT_RETURN = '/staff';

interface Owner {
  kind: string;
  id: number;
}

function actorOf(request: FastifyRequest): MediaActor & { user: CurrentUser } {
  const user = request.currentUser;
  if (!user) throw forbidden();
  return { id: user.id, username: user.username, roles: user.roles, memberships: user.memberships, ip: request.ip, user };
}

function ownerIdOf(raw: unknown): number {
  if (typeof raw !== 'string' && typeof raw !== 'number') throw notFound();
  const s = String(raw);
  if (!/^[1-9][0-9]{0,9}$/.test(s)) throw notFound();
  const id = Number(s);
  if (id > 2_147_483_647) throw notFound();
  return id;
}

/** JSON the upload island and API clients receive for a photo. */
function assetJson(a: MediaAsset & { deduplicated?: boolean }) {
  return {
    id: a.id,
    version: a.version,
    width: a.width,
    height: a.height,
    mime: a.mime,
    caption: a.caption,
    alt: a.alt,
    credit: a.credit,
    takenAt: a.takenAt ? a.takenAt.toISOString() : null,
    thumbUrl: a.thumbUrl,
    url: a.fallbackUrl,
    srcset: a.srcset,
    renditions: a.renditions.map((r) => ({ width: r.width, height: r.height, format: r.format, url: r.url })),
    ...(a.deduplicated === undefined ? {} : { deduplicated: a.deduplicated }),
  };
}

/** The version a form showed, as a positive integer; anything else is a 422. */
function versionOf(raw: string | undefined, field = 'version'): number {
  const r = versionSchema.safeParse(raw ?? '');
  if (!r.success || r.data === null) throw validationFailed({ [field]: 'نسخهٔ عکس در فرم نیست یا درست نیست؛ صفحه را دوباره باز کنید.' });
  return r.data;
}

function stringFields(body: unknown): Record<string, string> {
  if (body === null || body === undefined) return {};
  if (typeof body !== 'object' || Array.isArray(body)) throw badRequest();
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(body as Record<string, unknown>)) {
    if (typeof v === 'string') out[k] = v;
    else if (typeof v === 'number' && Number.isFinite(v)) out[k] = String(v);
    else if (v !== null && v !== undefined) throw validationFailed({ [k]: 'مقدار این فیلد درست نیست.' });
  }
  return out;
}

export const mediaRoutes: FastifyPluginAsync<MediaRoutesOptions> = async (app, options) => {
  const { media } = options;
  const owners = options.owners ?? {};

  await app.register(multipart, { limits: { ...MEDIA_UPLOAD_LIMITS }, throwFileSizeLimit: true });

  async function resolveOwner(user: CurrentUser, kind: string | undefined, id: string | undefined): Promise<Owner | null> {
    if ((kind === undefined || kind === '') && (id === undefined || id === '')) return null;
    if (!isOwnerKind(kind) || !Object.hasOwn(owners, kind)) throw notFound();
    const ownerId = ownerIdOf(id);
    if (!(await owners[kind]!.canEdit(user, ownerId))) throw forbidden();
    return { kind, id: ownerId };
  }

  /**
   * Reading the request: our limits become Persian errors; a body that stops half-way
   * (the connection dropped, a malformed form) is the client's problem, not a 500.
   */
  async function fromClient<T>(read: () => Promise<T>): Promise<T> {
    try {
      return await read();
    } catch (err) {
      const e = err as { code?: string; statusCode?: number };
      if (e.code === 'FST_REQ_FILE_TOO_LARGE') throw fileTooLarge();
      if (err instanceof AppError || (typeof e.statusCode === 'number' && e.statusCode < 500)) throw err;
      throw new AppError('upload_incomplete', 400, 'بارگذاری کامل نشد. اتصال را بررسی کنید و پرونده را دوباره بفرستید.');
    }
  }

  const readFile = (part: MultipartFile) => fromClient(() => part.toBuffer());

  function redirectBack(reply: FastifyReply, target: string | undefined, message: string) {
    setFlash(reply, 'success', message);
    return reply.redirect(safeNext(target, DEFAULT_RETURN), 303);
  }

  // Upload: every file part becomes a photo. All or nothing: when one file is refused,
  // the photos already made in this request are thrown away and nothing is attached.
  app.post('/staff/media', async (request, reply) => {
    const actor = actorOf(request);
    if (!request.isMultipart()) {
      throw new AppError('unsupported_media_type', 415, 'عکس را با فرم بارگذاری بفرستید (multipart/form-data).');
    }
    const query = (request.query ?? {}) as Record<string, unknown>;
    const fields: Record<string, string> = {};
    for (const k of ['owner_kind', 'owner_id', 'return']) if (typeof query[k] === 'string') fields[k] = query[k] as string;
    const created: IngestedAsset[] = [];
    let owner: Owner | null | undefined;
    try {
      const parts = request.parts()[Symbol.asyncIterator]();
      for (;;) {
        const step = await fromClient(() => parts.next());
        if (step.done) break;
        const part = step.value;
        if (part.type === 'field') {
          if (!UPLOAD_FIELDS.has(part.fieldname)) throw validationFailed({ _form: `فیلد ناشناخته در فرم: ${part.fieldname}` });
          if (part.valueTruncated) throw validationFailed({ [part.fieldname]: 'متن این فیلد بیش از حد بلند است.' });
          if (typeof part.value === 'string') fields[part.fieldname] = part.value;
          continue;
        }
        // A file input left empty still sends a part with no name and no bytes.
        if (!part.filename) {
          await readFile(part);
          continue;
        }
        // Checked before the first photo is processed, so a refusal costs no work.
        if (owner === undefined) owner = await resolveOwner(actor.user, fields.owner_kind, fields.owner_id);
        const bytes = await readFile(part);
        created.push(
          await media.ingest(actor, bytes, {
            filename: part.filename,
            caption: fields.caption,
            alt: fields.alt,
            credit: fields.credit,
          }),
        );
      }
      if (created.length === 0) throw emptyFile();
      if (owner === undefined) owner = await resolveOwner(actor.user, fields.owner_kind, fields.owner_id);
      if (owner) for (const a of created) await media.attach(actor, owner.kind, owner.id, a.id);
    } catch (err) {
      await media.discard(
        actor,
        created.filter((a) => !a.deduplicated).map((a) => a.id),
      );
      if ((err as { code?: string }).code === 'FST_FILES_LIMIT') {
        throw new AppError('media_too_many_files', 413, `در هر بار حداکثر ${toPersianDigits(String(MEDIA_UPLOAD_LIMITS.files))} پرونده را بفرستید.`);
      }
      throw err;
    }
    if (wantsJson(request)) {
      const first = assetJson(created[0]!);
      return reply.status(201).send({ ...first, assets: created.map(assetJson) });
    }
    const message = created.length === 1 ? 'عکس بارگذاری شد.' : `${toPersianDigits(String(created.length))} عکس بارگذاری شد.`;
    return redirectBack(reply, fields.return, `${message} زیرنویس و متن جایگزین را بنویسید.`);
  });

  // One photo's caption, alt text and credit (form or JSON), with its version.
  app.post<{ Params: { id: string } }>('/staff/media/:id', async (request, reply) => {
    const actor = actorOf(request);
    const id = request.params.id;
    if (!isAssetId(id)) throw notFound('عکس پیدا نشد.');
    const { _csrf: _token, version, owner_kind, owner_id, return: back, ...details } = stringFields(request.body);
    for (const k of Object.keys(details)) {
      if (k !== 'caption' && k !== 'alt' && k !== 'credit') throw validationFailed({ _form: `فیلد ناشناخته در فرم: ${k}` });
    }
    const expected = versionOf(version);
    const owner = await resolveOwner(actor.user, owner_kind, owner_id);
    const asset = await media.updateDetails(actor, id, details, expected, owner ? { owner } : {});
    if (wantsJson(request)) return reply.send(assetJson(asset));
    return redirectBack(reply, back, 'مشخصات عکس ذخیره شد.');
  });

  // The PhotoManager form: details of every photo, the lead, and one move or removal.
  app.post<{ Params: { kind: string; ownerId: string } }>('/staff/media/owners/:kind/:ownerId', async (request, reply) => {
    const actor = actorOf(request);
    const owner = await resolveOwner(actor.user, request.params.kind, request.params.ownerId);
    if (!owner) throw notFound();
    const fields = stringFields(request.body);
    const details = new Map<string, NonNullable<PhotoListChange['details']>[number]>();
    const change: PhotoListChange = {};
    const detailOf = (assetId: string) => {
      let d = details.get(assetId);
      if (!d) details.set(assetId, (d = { assetId, version: 0 }));
      return d;
    };
    for (const [key, value] of Object.entries(fields)) {
      if (key === '_csrf' || key === 'return') continue;
      const m = /^(caption|alt|credit|version)_([0-9a-f-]{36})$/.exec(key);
      if (m && isAssetId(m[2])) {
        const d = detailOf(m[2]);
        if (m[1] === 'version') d.version = versionOf(value, key);
        else d[m[1] as 'caption' | 'alt' | 'credit'] = value;
        continue;
      }
      if (key === 'lead' && isAssetId(value)) {
        change.leadAssetId = value;
        continue;
      }
      if (key === 'action') {
        const a = /^(save|up|down|remove)(?::([0-9a-f-]{36}))?$/.exec(value);
        if (!a || (a[1] !== 'save' && !isAssetId(a[2]))) throw validationFailed({ _form: 'دکمهٔ فرم شناخته نشد.' });
        if (a[1] === 'up' || a[1] === 'down') change.move = { assetId: a[2]!, by: a[1] === 'up' ? -1 : 1 };
        if (a[1] === 'remove') change.remove = a[2]!;
        continue;
      }
      throw validationFailed({ _form: `فیلد ناشناخته در فرم: ${key}` });
    }
    for (const d of details.values()) {
      if (d.version < 1) throw validationFailed({ [`caption_${d.assetId}`]: 'نسخهٔ عکس در فرم نیست؛ صفحه را دوباره باز کنید.' });
    }
    change.details = [...details.values()];
    const photos = await media.savePhotoList(actor, owner.kind, owner.id, change);
    if (wantsJson(request)) return reply.send({ photos: photos.map((p) => ({ ...assetJson(p), position: p.position, isLead: p.isLead })) });
    const message = change.remove ? 'عکس برداشته شد.' : change.move ? 'ترتیب عکس‌ها تغییر کرد.' : 'عکس‌ها ذخیره شد.';
    return redirectBack(reply, fields.return, message);
  });

  // Public renditions. The URL never changes meaning, so browsers and proxies keep it for a year.
  app.get<{ Params: { id: string; file: string } }>('/media/:id/:file', async (request, reply) => {
    const opened = await media.openRendition(request.params.id, request.params.file);
    if (!opened) throw notFound('عکس پیدا نشد.');
    reply
      .header('cache-control', 'public, max-age=31536000, immutable')
      .header('etag', opened.etag)
      .header('x-content-type-options', 'nosniff')
      // Published photos may be shown by feed readers on other sites.
      .header('cross-origin-resource-policy', 'cross-origin');
    const inm = request.headers['if-none-match'];
    if (typeof inm === 'string' && inm.split(',').some((t) => t.trim() === opened.etag || t.trim() === '*')) {
      opened.stream.destroy();
      return reply.status(304).send();
    }
    return reply.type(opened.contentType).header('content-length', String(opened.bytes)).send(opened.stream);
  });
};
