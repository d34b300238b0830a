import type { Example } from '../example.js';
import type { ErrorSummaryProps } from './error-summary.js';

export const errorSummaryExamples: Example<ErrorSummaryProps>[] = [
  {
    name: 'چند خطا',
    props: {
      errors: [
        { fieldId: 'headline', text: 'تیتر خبر را بنویسید' },
        { fieldId: 'occurred-at', text: 'تاریخ رویداد باید مانند ۱۴۰۵/۰۹/۰۸ باشد' },
        { fieldId: 'district', text: 'ناحیه را انتخاب کنید' },
      ],
    },
  },
  {
    name: 'با توضیح و خطای بدون فیلد',
    props: {
      titleId: 'error-summary-title-2',
      focusOnLoad: false,
      description: 'این خبر را کس دیگری هم‌زمان ویرایش کرده است.',
      errors: [{ text: 'نسخهٔ تازه را ببینید و تغییرات خود را دوباره وارد کنید' }],
    },
  },
];
