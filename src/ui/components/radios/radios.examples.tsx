import type { Example } from '../example.js';
import type { RadiosProps } from './radios.js';

export const radiosExamples: Example<RadiosProps>[] = [
  {
    name: 'نوع خبر',
    props: {
      name: 'kind',
      legend: 'نوع خبر',
      items: [
        { value: 'news', label: 'خبر' },
        { value: 'photo-news', label: 'خبر تصویری' },
        { value: 'notice', label: 'اطلاعیه', hint: 'برای اعلام قطعی‌ها، تعطیلی‌ها و فراخوان‌ها.' },
        { value: 'interview', label: 'گفت‌وگو' },
      ],
      value: 'news',
    },
  },
  {
    name: 'یک‌ردیفه با خطا',
    props: {
      name: 'satisfied',
      legend: 'از این خدمت راضی بودید؟',
      legendIsPageHeading: true,
      inline: true,
      items: [
        { value: 'yes', label: 'بله' },
        { value: 'no', label: 'خیر' },
      ],
      error: 'بله یا خیر را انتخاب کنید',
    },
  },
];
