import { ChoiceGroup, type ChoiceGroupProps } from '../../internal/choice-group.js';

export type { ChoiceItem as RadioItem } from '../../internal/choice-group.js';

export interface RadiosProps extends ChoiceGroupProps {
  /** The value currently chosen. */
  value?: string;
}

/** One choice among a few, grouped under a legend. */
export function Radios(props: RadiosProps) {
  return <ChoiceGroup {...props} type="radio" isChecked={(v) => v === props.value} />;
}
