import { ChoiceGroup, type ChoiceGroupProps } from '../../internal/choice-group.js';

export type { ChoiceItem as CheckboxItem } from '../../internal/choice-group.js';

export interface CheckboxesProps extends ChoiceGroupProps {
  /** Values currently checked. */
  values?: readonly string[];
}

/** Several checkboxes sharing one name, grouped under a legend. */
export function Checkboxes(props: CheckboxesProps) {
  const checked = new Set(props.values ?? []);
  return <ChoiceGroup {...props} type="checkbox" isChecked={(v) => checked.has(v)} />;
}
