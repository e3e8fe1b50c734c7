import { pieces } from '../../search/highlight';

/** A snippet with its matched words in <mark>; every piece is a React text node (no HTML parsing). */
export function Highlighted({ text, marks }: { text: string; marks: ReadonlyArray<readonly [number, number]> }) {
  return (
    <>
      {pieces(text, marks).map((p, i) => (p.mark ? <mark key={i}>{p.text}</mark> : <span key={i}>{p.text}</span>))}
    </>
  );
}
