/**
 * Text written with `code` spans (preset explanations, validation messages), split so the spans
 * can be shown as <code> rather than as backticks. A backtick with no partner is plain text.
 */

export interface TextPiece {
  code: boolean;
  text: string;
}

/** The pieces of `text` between backticks: every second one is code. */
export function codeSpans(text: string): TextPiece[] {
  const parts = text.split('`');
  // An even number of pieces means one backtick has no partner: from it on, the text is plain.
  const unpaired = parts.length % 2 === 0;
  const out: TextPiece[] = [];
  parts.forEach((part, i) => {
    if (unpaired && i === parts.length - 1) out.push({ code: false, text: `\`${part}` });
    else if (part) out.push({ code: i % 2 === 1, text: part });
  });
  return out;
}
