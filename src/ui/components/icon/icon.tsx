import type { JSX } from 'preact';
import { cx } from '../../internal/class-names.js';

/*
 * No icon package is installed, so these are drawn here on a 24×24 grid as
 * strokes in currentColor. Icons that point along the reading direction are
 * drawn for LTR and mirrored in RTL by CSS (`.icon--directional`).
 */
interface IconShape {
  directional: boolean;
  /** A function so each render gets fresh vnodes (a vnode must not appear twice in a tree). */
  body: () => JSX.Element;
}

const shapes = {
  menu: { directional: false, body: () => <path d="M4 6h16M4 12h16M4 18h16" /> },
  check: { directional: false, body: () => <path d="M5 12.5l4.5 4.5L19 7" /> },
  alert: {
    directional: false,
    body: () => <path d="M12 3.5L2.5 20h19L12 3.5zM12 10v4.5M12 17.5v.01" />,
  },
  info: {
    directional: false,
    body: () => (
      <>
        <circle cx="12" cy="12" r="9" />
        <path d="M12 11v6M12 7.5v.01" />
      </>
    ),
  },
  close: { directional: false, body: () => <path d="M6 6l12 12M18 6L6 18" /> },
  calendar: {
    directional: false,
    body: () => (
      <>
        <rect x="3" y="5" width="18" height="16" rx="2" />
        <path d="M3 10h18M8 3v4M16 3v4" />
      </>
    ),
  },
  search: {
    directional: false,
    body: () => (
      <>
        <circle cx="11" cy="11" r="7" />
        <path d="M20 20l-4-4" />
      </>
    ),
  },
  user: {
    directional: false,
    body: () => (
      <>
        <circle cx="12" cy="8" r="4" />
        <path d="M4 21c0-4 3.6-7 8-7s8 3 8 7" />
      </>
    ),
  },
  'chevron-next': { directional: true, body: () => <path d="M9 6l6 6-6 6" /> },
  'chevron-previous': { directional: true, body: () => <path d="M15 6l-6 6 6 6" /> },
  'arrow-next': { directional: true, body: () => <path d="M5 12h14M13 6l6 6-6 6" /> },
  'arrow-previous': { directional: true, body: () => <path d="M19 12H5M11 6l-6 6 6 6" /> },
} satisfies Record<string, IconShape>;

export type IconName = keyof typeof shapes;

export const iconNames = Object.keys(shapes) as IconName[];

export interface IconProps {
  name: IconName;
  /** Accessible name; without it the icon is decorative and hidden from assistive technology. */
  label?: string;
  size?: 'small' | 'medium' | 'large';
  class?: string;
}

export function Icon(props: IconProps) {
  const shape: IconShape = shapes[props.name];
  const labelled = props.label !== undefined && props.label !== '';
  return (
    <svg
      class={cx('icon', `icon--${props.size ?? 'medium'}`, shape.directional && 'icon--directional', props.class)}
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      stroke-width="2"
      stroke-linecap="round"
      stroke-linejoin="round"
      focusable="false"
      aria-hidden={labelled ? undefined : 'true'}
      role={labelled ? 'img' : undefined}
      aria-label={labelled ? props.label : undefined}
    >
      {shape.body()}
    </svg>
  );
}
