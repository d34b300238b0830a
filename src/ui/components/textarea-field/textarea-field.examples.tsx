import type { Example } from '../example.js';
import type { TextareaFieldProps } from './textarea-field.js';

export const textareaFieldExamples: Example<TextareaFieldProps>[] = [
  {
    name: 'لید خبر',
    props: {
      name: 'lead',
      label: 'لید',
      hint: 'مهم‌ترین بخش خبر در یک یا دو جمله: چه کسی، چه کاری، کجا و کی.',
      value: 'شهردار منطقه ۲۱ صبح امروز از پروژه‌های عمرانی ناحیه‌ی ۲ بازدید کرد.',
      rows: 3,
    },
  },
  {
    name: 'نظر شهروند با خطا',
    props: {
      name: 'comment',
      label: 'نظر شما',
      value: 'Metro ایستگاه',
      error: 'نظر باید دست‌کم ۱۰ نویسه باشد',
      maxLength: 1000,
    },
  },
];
