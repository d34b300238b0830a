// Plain shapes for the public pages: names and links only, never staff data.
import type { SanitizedHtml } from '../../../ui/components/raw-html/raw-html.js';

export interface PortalDistrictView {
  code: string;
  name: string;
  /** Open neighbourhoods with the link to their page. */
  neighbourhoods: PortalLink[];
}

export interface PortalLink {
  name: string;
  href: string;
}

export interface PortalChrome {
  /** «شهرداری منطقه ۲۱ تهران», or the product name before the region exists. */
  siteName: string;
}

/** A link to another page in the head (feeds), rendered into `<head>`. */
export interface PortalHeadLink {
  rel: string;
  type?: string;
  href: string;
  title?: string;
}

/** One published item in a list: headline link, lead, date and place. */
export interface PortalNewsSummary {
  href: string;
  overline: string | null;
  headline: string;
  lead: string | null;
  publishedAt: Date;
  /** The district's (or the region's) name; null when unknown. */
  placeName: string | null;
  placeHref: string | null;
  /** The lead photo, where the list shows one (featured news). */
  photo?: PortalPhotoView;
}

export interface PortalPhotoView {
  fallbackUrl: string;
  srcsetWebp: string;
  srcsetJpeg: string;
  width: number;
  height: number;
  alt: string;
  caption: string | null;
  credit: string | null;
}

export interface PortalNewsView {
  kindLabel: string;
  overline: string | null;
  headline: string;
  lead: string | null;
  bodyHtml: SanitizedHtml;
  sourceLine: string | null;
  publishedAt: Date;
  correctionNote: string | null;
  correctedAt: Date | null;
  placeName: string | null;
  placeHref: string | null;
  neighbourhoodName: string | null;
  /** Service-area tags with their tag pages. */
  serviceAreas: Array<{ name: string; href: string }>;
  photos: PortalPhotoView[];
}
