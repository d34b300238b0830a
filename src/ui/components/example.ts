/** One named set of props for a component; shown in the gallery and rendered by its test. */
export interface Example<P> {
  name: string;
  props: P;
}
