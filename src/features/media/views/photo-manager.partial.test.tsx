import { describe, expect, it } from 'vitest';
import { findTags, hostileText, isEscaped, markupProblems, textOf } from '../../../ui/testing/html.js';
import { renderComponent } from '../../../ui/testing/render.js';
import { PhotoManager, type PhotoManagerPhoto, type PhotoManagerProps } from './photo-manager.partial.js';

const A = '11111111-1111-4111-8111-111111111111';
const B = '22222222-2222-4222-8222-222222222222';

function photo(id: string, extra: Partial<PhotoManagerPhoto> = {}): PhotoManagerPhoto {
  return {
    id,
    version: 3,
    width: 1600,
    height: 1200,
    caption: 'بازدید از بوستان',
    alt: 'شهردار منطقه کنار نهال‌ها',
    credit: null,
    isLead: false,
    thumbUrl: `/media/${id}/320.jpg`,
    srcset: { webp: `/media/${id}/320.webp 320w, /media/${id}/640.webp 640w`, jpeg: `/media/${id}/320.jpg 320w` },
    takenAt: new Date('2024-05-06T06:50:30Z'),
    cameraMake: 'Canon',
    cameraModel: 'EOS 90D',
    ...extra,
  };
}

const base: PhotoManagerProps = {
  csrfToken: 'tok+/=',
  ownerKind: 'news',
  ownerId: 12,
  returnTo: '/staff/news/12/edit',
  photos: [photo(A, { isLead: true }), photo(B, { caption: null, alt: null })],
};

describe('PhotoManager', () => {
  it('renders clean, labelled markup with no inline script or style', () => {
    const html = renderComponent(PhotoManager, base);
    expect(markupProblems(html)).toEqual([]);
    expect(findTags(html, 'section')[0]?.attrs.get('aria-labelledby')).toBe('photos-news-12-heading');
  });

  it('has one save form with every photo’s fields and version, and the lead checked', () => {
    const html = renderComponent(PhotoManager, base);
    const forms = findTags(html, 'form');
    expect(forms.map((f) => f.attrs.get('action'))).toEqual(['/staff/media/owners/news/12', '/staff/media?_csrf=tok%2B%2F%3D']);
    for (const id of [A, B]) {
      for (const name of [`caption_${id}`, `alt_${id}`, `credit_${id}`]) expect(findTags(html, name === `caption_${id}` ? 'textarea' : 'input', 'id', name)).toHaveLength(1);
      expect(findTags(html, 'input', 'name', `version_${id}`)[0]?.attrs.get('value')).toBe('3');
    }
    const leads = findTags(html, 'input', 'name', 'lead');
    expect(leads.map((l) => [l.attrs.get('value'), l.attrs.has('checked')])).toEqual([
      [A, true],
      [B, false],
    ]);
    // The first photo cannot move up, the last cannot move down; the hidden default button saves.
    const actions = findTags(html, 'button', 'name', 'action').map((b) => b.attrs.get('value'));
    expect(actions).toEqual(['save', `down:${A}`, `remove:${A}`, `up:${B}`, `remove:${B}`, 'save']);
    expect(textOf(html)).toContain('عکس ۲');
    expect(textOf(html)).toContain('۱۶۰۰×۱۲۰۰ پیکسل، عکاسی:');
    expect(textOf(html)).toContain('دوربین: Canon EOS 90D');
  });

  it('the upload form is multipart, enhanced by the photo-upload module, and carries the owner', () => {
    const html = renderComponent(PhotoManager, base);
    const upload = findTags(html, 'form', 'data-module', 'photo-upload')[0];
    expect(upload?.attrs.get('enctype')).toBe('multipart/form-data');
    expect(findTags(html, 'input', 'name', 'owner_kind')[0]?.attrs.get('value')).toBe('news');
    expect(findTags(html, 'input', 'name', 'owner_id')[0]?.attrs.get('value')).toBe('12');
    const file = findTags(html, 'input', 'type', 'file')[0];
    expect(file?.attrs.get('accept')).toBe('image/jpeg,image/png,image/webp');
    expect(file?.attrs.has('multiple')).toBe(true);
  });

  it('shows field errors beside the inputs and typed values instead of stored ones', () => {
    const html = renderComponent(PhotoManager, {
      ...base,
      errors: { [`caption_${B}`]: 'زیرنویس عکس ۲ را بنویسید.', file: 'حجم پرونده بیش از ۱۵ مگابایت است.' },
      values: { [`alt_${A}`]: 'تایپ‌شده' },
    });
    expect(markupProblems(html)).toEqual([]);
    expect(findTags(html, 'textarea', 'id', `caption_${B}`)[0]?.attrs.get('aria-invalid')).toBe('true');
    expect(findTags(html, 'input', 'id', `alt_${A}`)[0]?.attrs.get('value')).toBe('تایپ‌شده');
    expect(textOf(html)).toContain('حجم پرونده بیش از ۱۵ مگابایت است.');
  });

  it('escapes what people wrote', () => {
    const html = renderComponent(PhotoManager, { ...base, photos: [photo(A, { caption: hostileText, alt: hostileText, credit: hostileText })] });
    expect(isEscaped(html)).toBe(true);
  });

  it('has an empty state that says what to do, and a read-only view without inputs', () => {
    const empty = renderComponent(PhotoManager, { ...base, photos: [] });
    expect(markupProblems(empty)).toEqual([]);
    expect(textOf(empty)).toContain('هنوز عکسی افزوده نشده است');
    const readOnly = renderComponent(PhotoManager, { ...base, readOnly: true });
    expect(markupProblems(readOnly)).toEqual([]);
    expect(findTags(readOnly, 'form')).toEqual([]);
    expect(textOf(readOnly)).toContain('عکس اصلی');
  });
});
