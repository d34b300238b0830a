// A small Jalali calendar beside a date text input (src/ui/components/date-field).
// Follows the WAI-ARIA APG date picker dialog: a grid of days, arrow keys move by
// day and week, Page Up/Down by month, Enter picks, Escape closes. The week starts
// on Saturday. Conversions come from the jalaali-js package served as-is.
import { d2j, isValidJalaaliDate, j2d, jalaaliMonthLength, toJalaali } from '../vendor/jalaali/index.js';

const MONTHS = ['فروردین', 'اردیبهشت', 'خرداد', 'تیر', 'مرداد', 'شهریور', 'مهر', 'آبان', 'آذر', 'دی', 'بهمن', 'اسفند'];
const WEEKDAYS = [
  ['ش', 'شنبه'],
  ['ی', 'یکشنبه'],
  ['د', 'دوشنبه'],
  ['س', 'سه‌شنبه'],
  ['چ', 'چهارشنبه'],
  ['پ', 'پنجشنبه'],
  ['ج', 'جمعه'],
];
const SVG = 'http://www.w3.org/2000/svg';

let instances = 0;

const persianDigits = (value) => String(value).replace(/[0-9]/g, (d) => '۰۱۲۳۴۵۶۷۸۹'[Number(d)]);
const pad2 = (n) => String(n).padStart(2, '0');

/** Day number (Julian day) of a Jalali date; arithmetic and comparison use it. */
const dayNumber = (date) => j2d(date.jy, date.jm, date.jd);
/** 0 = Saturday … 6 = Friday. */
const weekdayIndex = (date) => (dayNumber(date) + 2) % 7;
const addDays = (date, n) => d2j(dayNumber(date) + n);

function addMonths(date, n) {
  const index = date.jy * 12 + (date.jm - 1) + n;
  const jy = Math.floor(index / 12);
  const jm = (index % 12) + 1;
  return { jy, jm, jd: Math.min(date.jd, jalaaliMonthLength(jy, jm)) };
}

/** Accepts Persian, Arabic-Indic or Latin digits, separated by / - . or space, or 8 digits run together. */
export function parseJalali(text) {
  if (!text) return null;
  const ascii = text
    .replace(/[۰-۹]/g, (d) => String(d.charCodeAt(0) - 0x06f0))
    .replace(/[٠-٩]/g, (d) => String(d.charCodeAt(0) - 0x0660))
    .trim();
  let parts = ascii.split(/[^0-9]+/).filter(Boolean);
  if (parts.length === 1 && parts[0].length === 8) parts = [parts[0].slice(0, 4), parts[0].slice(4, 6), parts[0].slice(6)];
  if (parts.length !== 3) return null;
  const [jy, jm, jd] = parts.map(Number);
  return isValidJalaaliDate(jy, jm, jd) ? { jy, jm, jd } : null;
}

export const formatJalali = (date) => persianDigits(`${date.jy}/${pad2(date.jm)}/${pad2(date.jd)}`);

const fullLabel = (date) => `${WEEKDAYS[weekdayIndex(date)][1]} ${persianDigits(date.jd)} ${MONTHS[date.jm - 1]} ${persianDigits(date.jy)}`;

/** Today in Tehran, whatever the device's time zone. */
function todayInTehran() {
  const iso = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Tehran', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
  const [gy, gm, gd] = iso.split('-').map(Number);
  return toJalaali(gy, gm, gd);
}

function el(tag, attributes = {}, children = []) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attributes)) {
    if (value !== undefined && value !== null && value !== false) node.setAttribute(key, value === true ? '' : String(value));
  }
  for (const child of children) node.append(child);
  return node;
}

/** Same shapes as src/ui/components/icon (decorative, mirrored in RTL when directional). */
function icon(path, directional) {
  const svg = document.createElementNS(SVG, 'svg');
  for (const [k, v] of Object.entries({
    class: `icon icon--small${directional ? ' icon--directional' : ''}`,
    viewBox: '0 0 24 24',
    fill: 'none',
    stroke: 'currentColor',
    'stroke-width': '2',
    'stroke-linecap': 'round',
    'stroke-linejoin': 'round',
    focusable: 'false',
    'aria-hidden': 'true',
  })) {
    svg.setAttribute(k, v);
  }
  const p = document.createElementNS(SVG, 'path');
  p.setAttribute('d', path);
  svg.append(p);
  return svg;
}

const ICONS = {
  calendar: 'M3 7a2 2 0 012-2h14a2 2 0 012 2v12a2 2 0 01-2 2H5a2 2 0 01-2-2zM3 10h18M8 3v4M16 3v4',
  previous: 'M15 6l-6 6 6 6',
  next: 'M9 6l6 6-6 6',
};

export function init(root) {
  const input = root.querySelector('input.date-field__input') ?? root.querySelector('input[type="text"]');
  const control = root.querySelector('.date-field__control') ?? input?.parentElement;
  if (!input || !control || input.disabled) return;

  const min = parseJalali(root.dataset.min ?? '');
  const max = parseJalali(root.dataset.max ?? '');
  const id = `${input.id || 'date'}-picker-${++instances}`;
  const labelText = root.querySelector(`label[for="${CSS.escape(input.id)}"]`)?.textContent?.trim() ?? '';

  const inRange = (date) => (!min || dayNumber(date) >= dayNumber(min)) && (!max || dayNumber(date) <= dayNumber(max));
  const clamp = (date) => {
    if (min && dayNumber(date) < dayNumber(min)) return min;
    if (max && dayNumber(date) > dayNumber(max)) return max;
    return date;
  };

  const toggle = el(
    'button',
    { type: 'button', class: 'button button--secondary date-picker__toggle', 'aria-haspopup': 'dialog', 'aria-expanded': 'false', 'aria-controls': id },
    [icon(ICONS.calendar, false), el('span', {}, ['تقویم']), el('span', { class: 'visually-hidden' }, [` برای ${labelText}`])],
  );

  const title = el('div', { class: 'date-picker__title', id: `${id}-title`, 'aria-live': 'polite' });
  const prevMonth = el('button', { type: 'button', class: 'date-picker__nav', 'aria-label': 'ماه قبل' }, [icon(ICONS.previous, true)]);
  const nextMonth = el('button', { type: 'button', class: 'date-picker__nav', 'aria-label': 'ماه بعد' }, [icon(ICONS.next, true)]);
  const head = el('thead', {}, [
    el(
      'tr',
      {},
      WEEKDAYS.map(([short, long]) => el('th', { scope: 'col' }, [el('abbr', { title: long }, [short])])),
    ),
  ]);
  const body = el('tbody');
  const grid = el('table', { class: 'date-picker__grid', role: 'grid', 'aria-labelledby': `${id}-title` }, [head, body]);
  const todayButton = el('button', { type: 'button', class: 'date-picker__action' }, ['امروز']);
  const closeButton = el('button', { type: 'button', class: 'date-picker__action' }, ['بستن']);
  const dialog = el('div', { class: 'date-picker', id, role: 'dialog', 'aria-modal': 'false', 'aria-label': `انتخاب تاریخ: ${labelText}`, hidden: true }, [
    el('div', { class: 'date-picker__header' }, [prevMonth, title, nextMonth]),
    grid,
    el('div', { class: 'date-picker__footer' }, [todayButton, closeButton]),
  ]);
  control.append(toggle, dialog);

  let focused = todayInTehran();

  function render(moveFocus) {
    const selected = parseJalali(input.value);
    const today = todayInTehran();
    title.textContent = `${MONTHS[focused.jm - 1]} ${persianDigits(focused.jy)}`;
    body.replaceChildren();
    const first = { jy: focused.jy, jm: focused.jm, jd: 1 };
    const length = jalaaliMonthLength(focused.jy, focused.jm);
    let row = el('tr');
    for (let i = 0; i < weekdayIndex(first); i++) row.append(el('td', { role: 'presentation' }));
    for (let jd = 1; jd <= length; jd++) {
      const date = { jy: focused.jy, jm: focused.jm, jd };
      const isFocused = jd === focused.jd;
      const cell = el(
        'td',
        {
          class: 'date-picker__day',
          role: 'gridcell',
          tabindex: isFocused ? '0' : '-1',
          'data-day': String(jd),
          'aria-label': fullLabel(date),
          'aria-selected': selected && dayNumber(selected) === dayNumber(date) ? 'true' : 'false',
          'aria-current': dayNumber(today) === dayNumber(date) ? 'date' : undefined,
          'aria-disabled': inRange(date) ? undefined : 'true',
        },
        [persianDigits(jd)],
      );
      if (dayNumber(today) === dayNumber(date)) cell.classList.add('date-picker__day--today');
      row.append(cell);
      if (weekdayIndex(date) === 6) {
        body.append(row);
        row = el('tr');
      }
    }
    if (row.childElementCount > 0) body.append(row);
    prevMonth.disabled = Boolean(min) && dayNumber(first) <= dayNumber(min);
    nextMonth.disabled = Boolean(max) && dayNumber({ jy: focused.jy, jm: focused.jm, jd: length }) >= dayNumber(max);
    if (moveFocus) body.querySelector('[tabindex="0"]')?.focus();
  }

  function open() {
    focused = clamp(parseJalali(input.value) ?? todayInTehran());
    dialog.hidden = false;
    toggle.setAttribute('aria-expanded', 'true');
    render(true);
  }

  function close(returnFocusTo) {
    if (dialog.hidden) return;
    dialog.hidden = true;
    toggle.setAttribute('aria-expanded', 'false');
    returnFocusTo?.focus();
  }

  function pick(date) {
    if (!inRange(date)) return;
    input.value = formatJalali(date);
    input.dispatchEvent(new Event('input', { bubbles: true }));
    input.dispatchEvent(new Event('change', { bubbles: true }));
    close(input);
  }

  function moveTo(date) {
    focused = clamp(date);
    render(true);
  }

  toggle.addEventListener('click', () => (dialog.hidden ? open() : close(toggle)));
  prevMonth.addEventListener('click', () => {
    focused = clamp(addMonths(focused, -1));
    render(false);
  });
  nextMonth.addEventListener('click', () => {
    focused = clamp(addMonths(focused, 1));
    render(false);
  });
  todayButton.addEventListener('click', () => moveTo(todayInTehran()));
  closeButton.addEventListener('click', () => close(toggle));

  body.addEventListener('click', (event) => {
    const cell = event.target instanceof Element ? event.target.closest('[data-day]') : null;
    if (cell) pick({ jy: focused.jy, jm: focused.jm, jd: Number(cell.dataset.day) });
  });

  grid.addEventListener('keydown', (event) => {
    const rtl = getComputedStyle(grid).direction === 'rtl';
    const step = { ArrowLeft: rtl ? 1 : -1, ArrowRight: rtl ? -1 : 1, ArrowUp: -7, ArrowDown: 7 }[event.key];
    let next = null;
    if (step !== undefined) next = addDays(focused, step);
    else if (event.key === 'PageUp') next = addMonths(focused, event.shiftKey ? -12 : -1);
    else if (event.key === 'PageDown') next = addMonths(focused, event.shiftKey ? 12 : 1);
    else if (event.key === 'Home') next = addDays(focused, -weekdayIndex(focused));
    else if (event.key === 'End') next = addDays(focused, 6 - weekdayIndex(focused));
    else if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      pick(focused);
      return;
    }
    if (next) {
      event.preventDefault();
      moveTo(next);
    }
  });

  dialog.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      close(toggle);
    }
  });

  // Leaving the picker (Tab away, click elsewhere) closes it without moving focus.
  dialog.addEventListener('focusout', (event) => {
    const next = event.relatedTarget;
    if (next instanceof Node && (dialog.contains(next) || next === toggle)) return;
    // A re-render removes the focused cell; only close when focus really went elsewhere.
    requestAnimationFrame(() => {
      if (!dialog.contains(document.activeElement) && document.activeElement !== toggle) close(null);
    });
  });
  document.addEventListener('click', (event) => {
    if (!dialog.hidden && event.target instanceof Node && !root.contains(event.target)) close(null);
  });
}
