import { STORE_NAMESPACE, isStoreXml, storeToXml, type AddinStore } from '../../engine/store';
import { CONTENT_TYPE, REL, type XlsxPackage } from './package';
import type { WorkbookInfo } from './workbook-part';

/**
 * The add-in's record (store.ts) as Office keeps a custom XML part: `customXml/itemN.xml` holding
 * the record, related from the workbook part, with its properties part `customXml/itemPropsN.xml`
 * (which names the record's namespace) related from the item.
 */

function itemProps(): string {
  const hex = Array.from(globalThis.crypto.getRandomValues(new Uint8Array(16)), (b) =>
    b.toString(16).padStart(2, '0'),
  ).join('');
  const guid =
    `{${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}}`.toUpperCase();
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="no"?>\n' +
    `<ds:datastoreItem ds:itemID="${guid}" xmlns:ds="http://schemas.openxmlformats.org/officeDocument/2006/customXml">` +
    `<ds:schemaRefs><ds:schemaRef ds:uri="${STORE_NAMESPACE}"/></ds:schemaRefs></ds:datastoreItem>`
  );
}

/** Writes the record into its part, replacing the add-in's earlier record if there is one. */
export function writeStore(pkg: XlsxPackage, info: WorkbookInfo, store: AddinStore): void {
  const xml = storeToXml(store);
  const existing = info.customXml.find((part) => pkg.has(part) && isStoreXml(pkg.text(part) ?? ''));
  if (existing) {
    pkg.setPart(existing, xml);
    return;
  }
  const item = pkg.freeName('customXml/item', '.xml');
  const n = Number(/(\d+)\.xml$/.exec(item)![1]);
  let props = `customXml/itemProps${n}.xml`;
  if (pkg.has(props)) props = pkg.freeName('customXml/itemProps', '.xml');
  pkg.setPart(item, xml);
  pkg.setPart(props, itemProps());
  pkg.ensureDefaultType('xml', 'application/xml');
  pkg.setContentType(props, CONTENT_TYPE.customXmlProps);
  pkg.addRelationship(item, REL.customXmlProps, props);
  pkg.addRelationship(info.part, REL.customXml, item);
}
