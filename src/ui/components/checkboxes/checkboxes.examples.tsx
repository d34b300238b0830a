import type { Example } from '../example.js';
import type { CheckboxesProps } from './checkboxes.js';

const coverage = [
  { value: 'text', label: 'خبر متنی' },
  { value: 'photo', label: 'عکس', hint: 'دست‌کم پنج عکس با کیفیت بالا.' },
  { value: 'video', label: 'فیلم' },
];

export const checkboxesExamples: Example<CheckboxesProps>[] = [
  { name: 'پوشش خبری', props: { name: 'coverage', legend: 'چه پوششی لازم است؟', hint: 'همهٔ موارد لازم را انتخاب کنید.', items: coverage, values: ['text', 'photo'] } },
  {
    name: 'با خطا',
    props: {
      name: 'service-areas',
      idPrefix: 'service-areas',
      legend: 'حوزه‌های خدمات',
      items: [
        { value: 'waste', label: 'پسماند' },
        { value: 'streets', label: 'معابر' },
        { value: 'parks', label: 'فضای سبز' },
      ],
      error: 'دست‌کم یک حوزه را انتخاب کنید',
    },
  },
];
