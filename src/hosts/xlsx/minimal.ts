import { CONTENT_TYPE, REL, RELS_NS, XlsxPackage } from './package';
import { DOC_RELS_NS, MAIN_NS } from './write';

/**
 * The smallest valid workbook package, for a workbook the add-in starts itself (the council
 * report): content types, the package's relationships, a workbook part with no sheets yet and a
 * stylesheet holding Excel's defaults. Sheets are added by writeSheets as on any other workbook.
 */

const HEADER = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

const CONTENT_TYPES =
  `${HEADER}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
  '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
  '<Default Extension="xml" ContentType="application/xml"/>' +
  `<Override PartName="/xl/workbook.xml" ContentType="${CONTENT_TYPE.workbook}"/>` +
  '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>' +
  '</Types>';

const ROOT_RELS = `${HEADER}<Relationships xmlns="${RELS_NS}"><Relationship Id="rId1" Type="${REL.officeDocument}" Target="xl/workbook.xml"/></Relationships>`;

const WORKBOOK =
  `${HEADER}<workbook xmlns="${MAIN_NS}" xmlns:r="${DOC_RELS_NS}">` +
  '<bookViews><workbookView xWindow="0" yWindow="0" windowWidth="16384" windowHeight="8192"/></bookViews>' +
  '<sheets></sheets><calcPr calcId="191029"/></workbook>';

const WORKBOOK_RELS = `${HEADER}<Relationships xmlns="${RELS_NS}"><Relationship Id="rId1" Type="${REL.styles}" Target="styles.xml"/></Relationships>`;

const STYLES =
  `${HEADER}<styleSheet xmlns="${MAIN_NS}">` +
  '<fonts count="1"><font><sz val="11"/><color theme="1"/><name val="Calibri"/><family val="2"/><scheme val="minor"/></font></fonts>' +
  '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>' +
  '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
  '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
  '<cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/></cellXfs>' +
  '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>' +
  '<dxfs count="0"/><tableStyles count="0"/></styleSheet>';

export function emptyPackage(): XlsxPackage {
  const pkg = new XlsxPackage(null);
  pkg.setPart('[Content_Types].xml', CONTENT_TYPES);
  pkg.setPart('_rels/.rels', ROOT_RELS);
  pkg.setPart('xl/workbook.xml', WORKBOOK);
  pkg.setPart('xl/_rels/workbook.xml.rels', WORKBOOK_RELS);
  pkg.setPart('xl/styles.xml', STYLES);
  return pkg;
}
