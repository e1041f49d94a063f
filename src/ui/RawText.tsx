// Raw values are shown exactly as they are: as text (React escapes it, never HTML), with the
// whitespace that matters made visible: leading/trailing and repeated spaces, tabs, line breaks,
// non-breaking spaces. Two values that differ only there must look different.

const MARK: Readonly<Record<string, string>> = {
  ' ': '·',
  '\t': '→',
  '\n': '↵',
  '\r': '␍',
  '\u00a0': '⍽',
};

interface Segment {
  readonly text: string;
  readonly visible: boolean;
}

export function rawSegments(raw: string): Segment[] {
  if (raw === '') return [{ text: '∅', visible: true }];
  const out: Segment[] = [];
  // Spaces are marked at the ends and in runs of two or more; other whitespace always.
  const re = /^ +| +$| {2,}|[\t\n\r\u00a0]+/g;
  let last = 0;
  for (let m = re.exec(raw); m !== null; m = re.exec(raw)) {
    if (m.index > last) out.push({ text: raw.slice(last, m.index), visible: false });
    out.push({ text: [...m[0]].map((c) => MARK[c] ?? c).join(''), visible: true });
    last = m.index + m[0].length;
    if (m[0].length === 0) re.lastIndex++;
  }
  if (last < raw.length) out.push({ text: raw.slice(last), visible: false });
  return out;
}

export function RawText({ raw }: { raw: string }) {
  const segments = rawSegments(raw);
  return (
    <span className="raw" title={raw}>
      {segments.map((s, i) =>
        s.visible ? (
          <span key={i} className="ws" aria-label="whitespace">
            {s.text}
          </span>
        ) : (
          s.text
        ),
      )}
    </span>
  );
}
