// The media feature's public surface: the service factory and its types, the route
// plugin, the PhotoManager partial for owners' edit pages, and the limits and labels.
export {
  createMediaService,
  renditionUrl,
  parseRenditionFile,
  isAssetId,
  isOwnerKind,
  type MediaService,
  type MediaServiceDeps,
  type MediaActor,
  type MediaAsset,
  type IngestedAsset,
  type AttachedPhoto,
  type IngestOptions,
  type PhotoListChange,
  type RenditionView,
  type SweepOptions,
  type SweepResult,
} from './media.service.js';
export { mediaRoutes, MEDIA_UPLOAD_LIMITS, type MediaRoutesOptions, type MediaOwnerAccess } from './media.routes.js';
export { MEDIA_UPLOAD_ROLES, MEDIA_DESK_ROLES } from './media.policy.js';
export { MEDIA_LIMITS, MEDIA_FIELD_LABELS, type MediaDetailsInput } from './media.inputs.js';
export { RENDITION_WIDTHS, MAX_UPLOAD_BYTES, MAX_PIXELS, MESSAGES as MEDIA_MESSAGES, sniffImageType } from './media.images.js';
export { MEDIA_MIME_TYPES, RENDITION_FORMATS, type MediaMimeType, type RenditionFormat } from './media.tables.js';
export { PhotoManager, type PhotoManagerProps, type PhotoManagerPhoto } from './views/photo-manager.partial.js';
