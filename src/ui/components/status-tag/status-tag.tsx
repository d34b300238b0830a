import { cx } from '../../internal/class-names.js';

export type StatusTone = 'neutral' | 'info' | 'accent' | 'success' | 'warning' | 'danger';

export const statusTones: readonly StatusTone[] = ['neutral', 'info', 'accent', 'success', 'warning', 'danger'];

export interface StatusTagProps {
  /** The state in words («منتشرشده»); colour only repeats it. */
  label: string;
  tone: StatusTone;
  class?: string;
}

export function StatusTag(props: StatusTagProps) {
  return <strong class={cx('tag', `tag--${props.tone}`, props.class)}>{props.label}</strong>;
}
