/** Text with `code` spans, shown with the spans as <code> (see code-spans.ts). */
import { Fragment } from 'react';
import { codeSpans } from './code-spans.ts';

export function InlineCode({ text }: { text: string }) {
  return (
    <>
      {codeSpans(text).map((s, i) => (s.code ? <code key={i}>{s.text}</code> : <Fragment key={i}>{s.text}</Fragment>))}
    </>
  );
}
