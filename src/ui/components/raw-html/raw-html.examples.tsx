import type { Example } from '../example.js';
import { markSanitized, type RawHtmlProps } from './raw-html.js';

export const rawHtmlExamples: Example<RawHtmlProps>[] = [
  {
    name: 'متن خبر پاک‌سازی‌شده',
    props: {
      html: markSanitized(
        '<p>به گزارش روابط عمومی منطقه، عملیات <strong>بهسازی پیاده‌روها</strong> آغاز شد.</p><h2>مراحل کار</h2><ul><li>جمع‌آوری موانع</li><li>کف‌سازی</li></ul><blockquote>این طرح تا پایان آذر تمام می‌شود.</blockquote>',
      ),
    },
  },
];
