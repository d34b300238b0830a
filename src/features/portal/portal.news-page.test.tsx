// The news page view on its own: photos as <picture> with WebP and JPEG sources.
import { describe, expect, it } from 'vitest';
import { markSanitized } from '../../ui/components/raw-html/raw-html.js';
import { renderPortalNewsPage } from './views/news.page.js';
import type { PortalPhotoView } from './views/portal-view-models.js';

const photo = (n: number, over: Partial<PortalPhotoView> = {}): PortalPhotoView => ({
  fallbackUrl: `/media/a${n}/1024.jpg`,
  srcsetWebp: `/media/a${n}/480.webp 480w, /media/a${n}/1024.webp 1024w`,
  srcsetJpeg: `/media/a${n}/480.jpg 480w, /media/a${n}/1024.jpg 1024w`,
  width: 1600,
  height: 1067,
  alt: `عکس ${n}`,
  caption: `زیرنویس ${n}`,
  credit: `عکاس ${n}`,
  ...over,
});

describe('news page view', () => {
  const html = renderPortalNewsPage(
    {
      siteName: 'شهرداری منطقه ۲۱ تهران',
      news: {
        kindLabel: 'خبر',
        overline: 'روتیتر',
        headline: 'تیتر خبر',
        lead: 'لید خبر',
        bodyHtml: markSanitized('<p>متن</p>'),
        sourceLine: null,
        publishedAt: new Date('2026-12-01T06:30:00Z'),
        correctionNote: null,
        correctedAt: null,
        placeName: 'ناحیه ۳',
        placeHref: '/districts/R21-D3',
        neighbourhoodName: 'وردآورد',
        serviceAreas: [{ name: 'پسماند', href: '/tags/waste' }],
        photos: [photo(1), photo(2, { caption: null, credit: null })],
      },
    },
    { links: [{ rel: 'canonical', href: 'https://x.example/news/a' }] },
  );

  it('links each service-area tag to its tag page', () => {
    expect(html).toMatch(/<li class="portal-tags__tag"><a href="\/tags\/waste">پسماند<\/a><\/li>/);
  });

  it('renders the lead photo eagerly and the others lazily, with WebP and JPEG srcsets', () => {
    const pictures = html.match(/<picture>[\s\S]*?<\/picture>/g) ?? [];
    expect(pictures).toHaveLength(2);
    expect(pictures[0]).toContain('<source type="image/webp" srcset="/media/a1/480.webp 480w, /media/a1/1024.webp 1024w"');
    expect(pictures[0]).toContain('srcset="/media/a1/480.jpg 480w, /media/a1/1024.jpg 1024w"');
    expect(pictures[0]).toContain('sizes="');
    expect(pictures[0]).toContain('alt="عکس 1"');
    expect(pictures[0]).not.toContain('loading="lazy"');
    expect(pictures[1]).toContain('loading="lazy"');
    expect(html).toContain('زیرنویس 1');
    expect(html).toContain('عکس: عکاس 1');
  });

  it('shows the Jalali time, place, neighbourhood and tags, and the canonical link in the head', () => {
    expect(html).toContain('<time datetime="2026-12-01T06:30:00.000Z">');
    expect(html).toContain('href="/districts/R21-D3"');
    expect(html).toContain('محلهٔ وردآورد');
    expect(html).toContain('پسماند');
    expect(html.indexOf('rel="canonical"')).toBeLessThan(html.indexOf('</head>'));
  });
});
