import type { Example } from '../example.js';
import type { LocalTimeProps } from './local-time.js';

// 29 November 2026, 07:00 UTC = 10:30 in Tehran = ۸ آذر ۱۴۰۵.
const instant = new Date('2026-11-29T07:00:00Z');

export const localTimeExamples: Example<LocalTimeProps>[] = [
  { name: 'تاریخ در متن', props: { date: instant, format: 'date', text: 'یکشنبه ۸ آذر ۱۴۰۵' } },
  { name: 'تاریخ و ساعت', props: { date: instant, format: 'datetime', text: 'یکشنبه ۸ آذر ۱۴۰۵، ساعت ۱۰:۳۰' } },
  { name: 'عددی در جدول', props: { date: instant, format: 'numeric', text: '۱۴۰۵/۰۹/۰۸' } },
  { name: 'قالب‌بندی خودکار (تاریخ)', props: { date: instant, format: 'date' } },
  { name: 'قالب‌بندی خودکار (عددی)', props: { date: instant, format: 'numeric' } },
  { name: 'نسبی کنار تاریخ کامل', props: { date: instant, format: 'datetime', text: 'یکشنبه ۸ آذر ۱۴۰۵، ساعت ۱۰:۳۰', relative: '۲ ساعت پیش' } },
];
