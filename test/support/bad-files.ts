/**
 * Bytes of files the add-in must refuse with a clear reason. Generated here rather than kept as
 * hand-made binaries: an OLE compound file whose directory names an EncryptionInfo stream is how
 * Office stores a password-protected workbook, and one without it is an old .xls.
 */
function ole(streamName: string): Uint8Array {
  const bytes = new Uint8Array(1536);
  bytes.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1], 0);
  const name = new Uint8Array(streamName.length * 2);
  for (let i = 0; i < streamName.length; i++) name[i * 2] = streamName.charCodeAt(i);
  bytes.set(name, 1024);
  return bytes;
}

export const passwordProtected = (): Uint8Array => ole('EncryptionInfo');
export const oldXls = (): Uint8Array => ole('Workbook');
export const notAWorkbook = (): Uint8Array => new TextEncoder().encode('Ref,Project,Investment\nC1,Trade waste,200\n');
