import { formatJalaliDate, formatJalaliDateTime, formatJalaliNumeric } from '../../../core/persian/index.js';

export type LocalTimeFormat = 'date' | 'datetime' | 'numeric';

export interface LocalTimeProps {
  date: Date;
  /** `date` «یکشنبه ۸ آذر ۱۴۰۵», `datetime` «۱۴۰۵/۰۹/۰۸ ساعت ۱۰:۳۰», `numeric` «۱۴۰۵/۰۹/۰۸» (tables). */
  format?: LocalTimeFormat;
  /** An already formatted Persian string; by default the date is formatted by core/persian in Tehran time. */
  text?: string;
  /** A relative form such as «۲ ساعت پیش»: shown, with the absolute text as its title. */
  relative?: string;
}

const tehranDay = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Tehran',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

const formatters: Record<LocalTimeFormat, (d: Date) => string> = {
  date: formatJalaliDate,
  datetime: formatJalaliDateTime,
  numeric: formatJalaliNumeric,
};

/** The `datetime` attribute: `YYYY-MM-DD` of the day in Tehran, or a UTC instant. */
export function machineDateTime(date: Date, format: LocalTimeFormat): string | undefined {
  if (Number.isNaN(date.getTime())) return undefined;
  return format === 'datetime' ? date.toISOString() : tehranDay.format(date);
}

/** `<time datetime=…>` around a Persian date. An invalid date shows «—» rather than breaking the page. */
export function LocalTime(props: LocalTimeProps) {
  const format = props.format ?? 'date';
  const datetime = machineDateTime(props.date, format);
  const text = props.text ?? (datetime === undefined ? '—' : formatters[format](props.date));
  if (props.relative) {
    return (
      <time datetime={datetime} title={text}>
        {props.relative}
      </time>
    );
  }
  return <time datetime={datetime}>{text}</time>;
}
