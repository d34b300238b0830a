// A page per published item: photos, JSON-LD NewsArticle, Open Graph, canonical link.
import type { FastifyPluginAsync } from 'fastify';
import { notFound } from '../../core/errors.js';
import { markSanitized } from '../../ui/components/raw-html/raw-html.js';
import { NEWS_KIND_LABELS, SERVICE_AREA_LABELS } from '../newsroom/index.js';
import { regionPublicName } from '../org/index.js';
import { absoluteUrl, feedLinks, HTML, NEWS_PHOTOS, newsPath, placesOf, PRODUCT_NAME, sendPublic, type PortalRoutesOptions } from './portal.shared.js';
import { renderPortalNewsPage } from './views/news.page.js';
import type { PortalPhotoView } from './views/portal-view-models.js';

export const portalNewsRoutes: FastifyPluginAsync<PortalRoutesOptions> = async (app, opts) => {
  const { org, newsroom, media } = opts;
  const abs = absoluteUrl(opts.publicUrl);

  app.get<{ Params: { slug: string } }>('/news/:slug', async (request, reply) => {
    const unknown = 'خبری با این نشانی پیدا نشد.';
    const item = await newsroom.getPublishedBySlug(request.params.slug.normalize('NFC'));
    if (!item || !item.slug || !item.publishedAt) throw notFound(unknown);
    const [tree, photos] = await Promise.all([org.listTree(), media.listAttachments(NEWS_PHOTOS, item.id)]);
    const places = placesOf(tree);
    const place = places.get(item.orgUnitId);
    const siteName = tree.region ? regionPublicName(tree.region) : PRODUCT_NAME;
    const ordered = [...photos].sort((a, b) => Number(b.isLead) - Number(a.isLead) || a.position - b.position);
    const photoViews: PortalPhotoView[] = ordered
      .filter((p) => p.renditions.length > 0)
      .map((p) => ({
        fallbackUrl: p.fallbackUrl,
        srcsetWebp: p.srcset.webp,
        srcsetJpeg: p.srcset.jpeg,
        width: p.width,
        height: p.height,
        alt: p.alt ?? '',
        caption: p.caption,
        credit: p.credit,
      }));
    const url = abs(newsPath(item.slug));
    const image = photoViews[0] ? abs(photoViews[0].fallbackUrl) : null;
    const modified = item.correctedAt ?? item.publishedAt;
    const jsonLd = {
      '@context': 'https://schema.org',
      '@type': 'NewsArticle',
      headline: item.headline,
      description: item.lead ?? undefined,
      datePublished: item.publishedAt.toISOString(),
      dateModified: modified.toISOString(),
      inLanguage: 'fa',
      mainEntityOfPage: url,
      url,
      image: image ? [image] : undefined,
      publisher: { '@type': 'Organization', name: siteName, url: abs('/') },
      author: { '@type': 'Organization', name: `روابط عمومی ${siteName}` },
      articleSection: NEWS_KIND_LABELS[item.kind],
      contentLocation: place ? { '@type': 'Place', name: place.name } : undefined,
    };
    const meta = [
      { property: 'og:type', content: 'article' },
      { property: 'og:site_name', content: siteName },
      { property: 'og:locale', content: 'fa_IR' },
      { property: 'og:title', content: item.headline },
      { property: 'og:url', content: url },
      ...(item.lead ? [{ property: 'og:description', content: item.lead }] : []),
      ...(image ? [{ property: 'og:image', content: image }] : []),
      { property: 'article:published_time', content: item.publishedAt.toISOString() },
      { property: 'article:modified_time', content: modified.toISOString() },
    ];
    return sendPublic(
      request,
      reply,
      HTML,
      renderPortalNewsPage(
        {
          siteName,
          news: {
            kindLabel: NEWS_KIND_LABELS[item.kind],
            overline: item.overline,
            headline: item.headline,
            lead: item.lead,
            // Sanitised on every save by the newsroom (the sanitiser is the authority).
            bodyHtml: markSanitized(item.bodyHtml),
            sourceLine: item.sourceLine,
            publishedAt: item.publishedAt,
            correctionNote: item.correctionNote,
            correctedAt: item.correctedAt,
            placeName: place?.name ?? null,
            placeHref: place?.href ?? null,
            neighbourhoodName: item.neighbourhoodId === null ? null : (places.get(item.neighbourhoodId)?.name ?? null),
            serviceAreas: item.serviceAreas.map((a) => SERVICE_AREA_LABELS[a]),
            photos: photoViews,
          },
        },
        { links: [{ rel: 'canonical', href: url }, ...feedLinks(`خبرهای ${siteName}`, '/feed.xml', '/feed.atom')], meta, jsonLd },
      ),
    );
  });

};
