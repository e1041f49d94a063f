// Name-based GUIDs (UUID version 5, RFC 9562 §5.5): the same codebook and code give the same
// GUID in every export, so a QDA program that imports the codebook again recognises its codes.
// SHA-1 is written out here because the core is synchronous and browser-safe (Web Crypto's
// digest is asynchronous); it is checked against Node's crypto in the tests.

function sha1(bytes: Uint8Array): Uint8Array {
  const length = bytes.length;
  const words = new Uint32Array((((length + 8) >> 6) + 1) * 16);
  for (let i = 0; i < length; i++) words[i >> 2]! |= (bytes[i] as number) << (24 - (i % 4) * 8);
  words[length >> 2]! |= 0x80 << (24 - (length % 4) * 8);
  words[words.length - 1] = length * 8;
  words[words.length - 2] = Math.floor((length * 8) / 0x100000000);
  let h0 = 0x67452301;
  let h1 = 0xefcdab89;
  let h2 = 0x98badcfe;
  let h3 = 0x10325476;
  let h4 = 0xc3d2e1f0;
  const w = new Uint32Array(80);
  const rotl = (x: number, n: number) => (x << n) | (x >>> (32 - n));
  for (let block = 0; block < words.length; block += 16) {
    for (let t = 0; t < 16; t++) w[t] = words[block + t] as number;
    for (let t = 16; t < 80; t++)
      w[t] = rotl(
        (w[t - 3] as number) ^ (w[t - 8] as number) ^ (w[t - 14] as number) ^ (w[t - 16] as number),
        1,
      );
    let a = h0;
    let b = h1;
    let c = h2;
    let d = h3;
    let e = h4;
    for (let t = 0; t < 80; t++) {
      const f =
        t < 20
          ? ((b & c) | (~b & d)) + 0x5a827999
          : t < 40
            ? (b ^ c ^ d) + 0x6ed9eba1
            : t < 60
              ? ((b & c) | (b & d) | (c & d)) + 0x8f1bbcdc
              : (b ^ c ^ d) + 0xca62c1d6;
      const temp = (rotl(a, 5) + f + e + (w[t] as number)) | 0;
      e = d;
      d = c;
      c = rotl(b, 30);
      b = a;
      a = temp;
    }
    h0 = (h0 + a) | 0;
    h1 = (h1 + b) | 0;
    h2 = (h2 + c) | 0;
    h3 = (h3 + d) | 0;
    h4 = (h4 + e) | 0;
  }
  const out = new Uint8Array(20);
  const view = new DataView(out.buffer);
  [h0, h1, h2, h3, h4].forEach((h, i) => view.setUint32(i * 4, h >>> 0));
  return out;
}

/** SHA-1 of UTF-8 text, as hex (exported for its test). */
export function sha1Hex(text: string): string {
  return [...sha1(new TextEncoder().encode(text))]
    .map((b) => b.toString(16).padStart(2, '0'))
    .join('');
}

// Kodbok's own namespace for codebook codes (a fixed random UUID; never change it: GUIDs in
// users' QDA projects derive from it).
const KODBOK_CODE_NAMESPACE = '6f1c2b8e-4d3a-4f5e-9a7b-1c2d3e4f5a6b';

function uuidBytes(uuid: string): Uint8Array {
  const hex = uuid.replace(/-/g, '');
  return Uint8Array.from({ length: 16 }, (_, i) => parseInt(hex.slice(i * 2, i * 2 + 2), 16));
}

/** UUID v5 of `name` in `namespace`. */
export function uuidV5(name: string, namespace: string): string {
  const nameBytes = new TextEncoder().encode(name);
  const input = new Uint8Array(16 + nameBytes.length);
  input.set(uuidBytes(namespace));
  input.set(nameBytes, 16);
  const hash = sha1(input).slice(0, 16);
  hash[6] = ((hash[6] as number) & 0x0f) | 0x50;
  hash[8] = ((hash[8] as number) & 0x3f) | 0x80;
  const hex = [...hash].map((b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** The GUID of a code of a codebook: the same for the same codebook id and code, always. */
export function codeGuid(codebookId: string, code: string): string {
  // A NUL between the two: `a` + `b:c` and `a:b` + `c` stay different.
  return uuidV5(`${codebookId}\u0000${code}`, KODBOK_CODE_NAMESPACE);
}
