/** Offers a file to the user as a download; nothing is sent anywhere. */
export function download(name: string, data: string | Uint8Array, type: string): void {
  // A copy into a fresh ArrayBuffer: a Blob takes no view of a SharedArrayBuffer.
  const part = typeof data === 'string' ? data : new Uint8Array(data);
  const url = URL.createObjectURL(new Blob([part], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Letters, digits, `.`, `_` and `-`: a file name every system accepts. */
export function safeName(s: string): string {
  return s.replace(/[^\p{L}\p{N}._-]+/gu, '-');
}
