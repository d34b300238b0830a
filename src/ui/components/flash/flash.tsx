import { Icon, type IconName } from '../icon/icon.js';

export type FlashKind = 'success' | 'error' | 'info';

export interface FlashProps {
  kind: FlashKind;
  text: string;
}

const kinds: Record<FlashKind, { icon: IconName; prefix: string }> = {
  success: { icon: 'check', prefix: 'انجام شد:' },
  error: { icon: 'alert', prefix: 'خطا:' },
  info: { icon: 'info', prefix: 'توجه:' },
};

/** A one-line message after a redirect («خبر منتشر شد»). The kind is said in words, not only colour. */
export function Flash(props: FlashProps) {
  const kind = kinds[props.kind];
  return (
    <div class={`flash flash--${props.kind}`} role="status">
      <Icon name={kind.icon} class="flash__icon" />
      <p class="flash__text">
        <span class="visually-hidden">{kind.prefix} </span>
        {props.text}
      </p>
    </div>
  );
}
