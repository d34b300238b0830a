import { Fragment } from 'preact';
import type { DiffPart } from './word-diff.js';

const ZWNJ = '\u200c';

/** Invisible changes made visible: a half-space as «|» with a title, a lone space as «␣». */
function Visible(props: { text: string }) {
  const { text } = props;
  if (text.trim() === '') {
    return (
      <span class="word-diff__space" title="فاصله">
        {'␣'.repeat(Math.min(text.length, 3))}
      </span>
    );
  }
  if (!text.includes(ZWNJ)) return <>{text}</>;
  const pieces = text.split(ZWNJ);
  return (
    <>
      {pieces.map((piece, i) => (
        <Fragment key={i}>
          {i > 0 && (
            <span class="word-diff__zwnj" title="نیم‌فاصله">
              {ZWNJ}|{ZWNJ}
            </span>
          )}
          {piece}
        </Fragment>
      ))}
    </>
  );
}

/** A word diff as text with <del> and <ins>; each change is also said in words for screen readers. */
export function WordDiff(props: { parts: readonly DiffPart[]; id?: string }) {
  return (
    <p class="word-diff" dir="rtl" id={props.id}>
      {props.parts.map((p, i) =>
        p.kind === 'same' ? (
          <span key={i}>{p.text}</span>
        ) : p.kind === 'del' ? (
          <del key={i} class="word-diff__del">
            <span class="visually-hidden">[حذف: </span>
            <Visible text={p.text} />
            <span class="visually-hidden">]</span>
          </del>
        ) : (
          <ins key={i} class="word-diff__ins">
            <span class="visually-hidden">[افزوده: </span>
            <Visible text={p.text} />
            <span class="visually-hidden">]</span>
          </ins>
        ),
      )}
    </p>
  );
}
