import { zipOf } from './zip-edit';

/**
 * A macro-enabled workbook holding what real finance workbooks hold, part by part as Excel stores
 * them: a growth table with a chart, comments with their authors and a threaded comment, outline
 * rows, sheet protection, a list validation and sparklines (x14 extensions), print titles, page
 * setup and header; a pivot table with its cache and records; an external link used by a formula;
 * a constant defined name used by a formula; a cell typed with a leading apostrophe (quotePrefix);
 * a named cell style; workbook protection; a sensitivity label (docProps/custom.xml); a custom XML
 * part of the user's; vbaProject.bin; a calculation chain. And a user's name that looks like the
 * previous version's ownership marker (MTFS_Owned_Growth), which must not make Growth the add-in's.
 *
 * Built from raw XML so every byte is known: the round trip (test/security/round-trip.test.ts)
 * compares each part of what the add-in writes with these.
 */

const HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n';
const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const R = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PKG_RELS = 'http://schemas.openxmlformats.org/package/2006/relationships';
const X14 = 'http://schemas.microsoft.com/office/spreadsheetml/2009/9/main';
const XM = 'http://schemas.microsoft.com/office/excel/2006/main';
const REL = (t: string) => `http://schemas.openxmlformats.org/officeDocument/2006/relationships/${t}`;
const CT = (t: string) => `application/vnd.openxmlformats-officedocument.${t}`;

function rels(items: [id: string, type: string, target: string, external?: boolean][]): string {
  return `${HEAD}<Relationships xmlns="${PKG_RELS}">${items
    .map(
      ([id, type, target, external]) =>
        `<Relationship Id="${id}" Type="${type}" Target="${target}"${external ? ' TargetMode="External"' : ''}/>`,
    )
    .join('')}</Relationships>`;
}

const STRINGS = [
  'GROWTH',
  'TDEI ref.',
  '2015/16 £000',
  '2016/17 £000',
  '2017/18 £000',
  '2018/19 £000',
  'G1',
  'Care packages',
  'G2',
  'Inflation',
  'Total',
  'Eff',
  'SR',
  'Income',
  '=1+1',
  'Region',
  'Budget',
];
const s = (text: string) => STRINGS.indexOf(text);

const str = (ref: string, text: string, style = 0) =>
  `<c r="${ref}"${style ? ` s="${style}"` : ''} t="s"><v>${s(text)}</v></c>`;
const num = (ref: string, n: number, style = 2) => `<c r="${ref}" s="${style}"><v>${n}</v></c>`;

const GROWTH_SHEET =
  `${HEAD}<worksheet xmlns="${MAIN}" xmlns:r="${R}" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" xmlns:x14ac="http://schemas.microsoft.com/office/spreadsheetml/2009/9/ac" mc:Ignorable="x14ac">` +
  '<sheetPr><outlinePr summaryBelow="1"/></sheetPr><dimension ref="A1:G7"/>' +
  '<sheetViews><sheetView tabSelected="1" workbookViewId="0"/></sheetViews>' +
  '<sheetFormatPr defaultRowHeight="15" outlineLevelRow="1" x14ac:dyDescent="0.25"/>' +
  '<cols><col min="2" max="2" width="30" customWidth="1"/></cols><sheetData>' +
  `<row r="1">${str('A1', 'GROWTH', 1)}</row>` +
  `<row r="3">${str('A3', 'TDEI ref.', 1)}${str('C3', '2015/16 £000', 1)}${str('D3', '2016/17 £000', 1)}${str('E3', '2017/18 £000', 1)}${str('F3', '2018/19 £000', 1)}</row>` +
  `<row r="4" outlineLevel="1">${str('A4', 'G1')}${str('B4', 'Care packages', 5)}${num('C4', 100)}${num('D4', 200)}${num('E4', 300)}${num('F4', 400)}</row>` +
  `<row r="5" outlineLevel="1">${str('A5', 'G2')}${str('B5', 'Inflation')}${num('C5', 50)}${num('D5', 50)}${num('E5', 50)}${num('F5', 50)}</row>` +
  `<row r="7">${str('B7', 'Total', 1)}${num('C7', 150, 3)}${num('D7', 250, 3)}${num('E7', 350, 3)}${num('F7', 450, 3)}</row>` +
  '</sheetData>' +
  '<sheetProtection algorithmName="SHA-512" hashValue="x3Mw9GEbs6DJ+ux6qTn0dQ==" saltValue="aW4gdGhlIHRlc3Q=" spinCount="100000" sheet="1" objects="1" scenarios="1"/>' +
  '<dataValidations count="1"><dataValidation type="whole" operator="greaterThanOrEqual" allowBlank="1" showErrorMessage="1" sqref="C4:F5"><formula1>0</formula1></dataValidation></dataValidations>' +
  '<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>' +
  '<pageSetup paperSize="9" orientation="landscape" r:id="rId4"/>' +
  '<headerFooter><oddHeader>&amp;COFFICIAL-SENSITIVE</oddHeader><oddFooter>&amp;RPage &amp;P of &amp;N</oddFooter></headerFooter>' +
  '<drawing r:id="rId1"/><legacyDrawing r:id="rId2"/>' +
  '<extLst>' +
  `<ext uri="{CCE6A557-97BC-4b89-ADB6-D9C93CAAB3DF}" xmlns:x14="${X14}"><x14:dataValidations count="1" xmlns:xm="${XM}"><x14:dataValidation type="list" allowBlank="1" showInputMessage="1" showErrorMessage="1"><x14:formula1><xm:f>Lists!$A$1:$A$3</xm:f></x14:formula1><xm:sqref>A4:A5</xm:sqref></x14:dataValidation></x14:dataValidations></ext>` +
  `<ext uri="{05C60535-1F16-4fd2-B633-F4F36F0B64E0}" xmlns:x14="${X14}"><x14:sparklineGroups xmlns:xm="${XM}"><x14:sparklineGroup displayEmptyCellsAs="gap"><x14:colorSeries rgb="FF376092"/><x14:colorNegative rgb="FFD00000"/><x14:sparklines><x14:sparkline><xm:f>Growth!C4:F4</xm:f><xm:sqref>G4</xm:sqref></x14:sparkline><x14:sparkline><xm:f>Growth!C5:F5</xm:f><xm:sqref>G5</xm:sqref></x14:sparkline></x14:sparklines></x14:sparklineGroup></x14:sparklineGroups></ext>` +
  '</extLst></worksheet>';

const LISTS_SHEET = `${HEAD}<worksheet xmlns="${MAIN}"><sheetData><row r="1">${str('A1', 'Eff')}</row><row r="2">${str('A2', 'SR')}</row><row r="3">${str('A3', 'Income')}</row></sheetData></worksheet>`;

const PIVOT_SHEET =
  `${HEAD}<worksheet xmlns="${MAIN}"><sheetData>` +
  `<row r="3">${str('A3', 'Region', 1)}${str('B3', 'Budget', 1)}</row><row r="4">${str('A4', 'Eff')}${num('B4', 150)}</row>` +
  '</sheetData></worksheet>';

const NOTES_SHEET =
  `${HEAD}<worksheet xmlns="${MAIN}"><sheetData>` +
  `<row r="1">${str('A1', '=1+1', 4)}</row>` +
  '<row r="4"><c r="H4"><f>[1]Budget!$B$5*1000</f><v>5000</v></c></row>' +
  '<row r="5"><c r="H5"><f>VAT_Rate*H4</f><v>1000</v></c></row>' +
  '</sheetData></worksheet>';

const STYLES =
  `${HEAD}<styleSheet xmlns="${MAIN}"><numFmts count="1"><numFmt numFmtId="164" formatCode="#,##0;-#,##0"/></numFmts>` +
  '<fonts count="2"><font><sz val="11"/><color theme="1"/><name val="Calibri"/><family val="2"/><scheme val="minor"/></font><font><b/><sz val="11"/><color theme="1"/><name val="Calibri"/><family val="2"/><scheme val="minor"/></font></fonts>' +
  '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>' +
  '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
  '<cellStyleXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/><xf numFmtId="0" fontId="1" fillId="0" borderId="0" applyFont="1"/></cellStyleXfs>' +
  '<cellXfs count="6"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>' +
  '<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="164" fontId="1" fillId="0" borderId="0" xfId="0" applyNumberFormat="1" applyFont="1"/>' +
  '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" quotePrefix="1"/><xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="1" applyFont="1"/></cellXfs>' +
  '<cellStyles count="2"><cellStyle name="Normal" xfId="0" builtinId="0"/><cellStyle name="Budget Heading" xfId="1"/></cellStyles>' +
  '<dxfs count="0"/><tableStyles count="0" defaultTableStyle="TableStyleMedium2" defaultPivotStyle="PivotStyleLight16"/></styleSheet>';

const WORKBOOK =
  `${HEAD}<workbook xmlns="${MAIN}" xmlns:r="${R}"><fileVersion appName="xl" codeName="ThisWorkbook"/><workbookPr codeName="ThisWorkbook" defaultThemeVersion="166925"/>` +
  '<workbookProtection workbookAlgorithmName="SHA-512" workbookHashValue="bm90IGEgcmVhbCBoYXNo" workbookSaltValue="c2FsdA==" workbookSpinCount="100000" lockStructure="1"/>' +
  '<bookViews><workbookView xWindow="0" yWindow="0" windowWidth="28800" windowHeight="12300" activeTab="0"/></bookViews>' +
  '<sheets><sheet name="Growth" sheetId="1" r:id="rId1"/><sheet name="Lists" sheetId="2" state="hidden" r:id="rId2"/><sheet name="Pivot" sheetId="3" r:id="rId3"/><sheet name="Notes" sheetId="4" r:id="rId4"/></sheets>' +
  '<externalReferences><externalReference r:id="rId7"/></externalReferences>' +
  '<definedNames><definedName name="_xlnm.Print_Titles" localSheetId="0">Growth!$3:$3</definedName><definedName name="MTFS_Owned_Growth">Growth!$A$1</definedName><definedName name="VAT_Rate">0.2</definedName></definedNames>' +
  '<calcPr calcId="191029"/><pivotCaches><pivotCache cacheId="1" r:id="rId8"/></pivotCaches></workbook>';

const CONTENT_TYPES =
  `${HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
  '<Default Extension="bin" ContentType="application/vnd.ms-office.vbaProject"/><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
  '<Default Extension="xml" ContentType="application/xml"/><Default Extension="vml" ContentType="application/vnd.openxmlformats-officedocument.vmlDrawing"/><Default Extension="bin2" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.printerSettings"/>' +
  '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.ms-excel.sheet.macroEnabled.main+xml"/>' +
  [1, 2, 3, 4]
    .map(
      (n) => `<Override PartName="/xl/worksheets/sheet${n}.xml" ContentType="${CT('spreadsheetml.worksheet+xml')}"/>`,
    )
    .join('') +
  `<Override PartName="/xl/styles.xml" ContentType="${CT('spreadsheetml.styles+xml')}"/><Override PartName="/xl/sharedStrings.xml" ContentType="${CT('spreadsheetml.sharedStrings+xml')}"/>` +
  `<Override PartName="/xl/drawings/drawing1.xml" ContentType="${CT('drawing+xml')}"/><Override PartName="/xl/charts/chart1.xml" ContentType="${CT('drawingml.chart+xml')}"/>` +
  `<Override PartName="/xl/comments1.xml" ContentType="${CT('spreadsheetml.comments+xml')}"/><Override PartName="/xl/threadedComments/threadedComment1.xml" ContentType="application/vnd.ms-excel.threadedcomments+xml"/>` +
  '<Override PartName="/xl/persons/person.xml" ContentType="application/vnd.ms-excel.person+xml"/>' +
  `<Override PartName="/xl/externalLinks/externalLink1.xml" ContentType="${CT('spreadsheetml.externalLink+xml')}"/>` +
  `<Override PartName="/xl/pivotTables/pivotTable1.xml" ContentType="${CT('spreadsheetml.pivotTable+xml')}"/><Override PartName="/xl/pivotCache/pivotCacheDefinition1.xml" ContentType="${CT('spreadsheetml.pivotCacheDefinition+xml')}"/><Override PartName="/xl/pivotCache/pivotCacheRecords1.xml" ContentType="${CT('spreadsheetml.pivotCacheRecords+xml')}"/>` +
  `<Override PartName="/xl/calcChain.xml" ContentType="${CT('spreadsheetml.calcChain+xml')}"/><Override PartName="/customXml/itemProps1.xml" ContentType="${CT('customXmlProperties+xml')}"/>` +
  '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>' +
  `<Override PartName="/docProps/app.xml" ContentType="${CT('extended-properties+xml')}"/><Override PartName="/docProps/custom.xml" ContentType="${CT('custom-properties+xml')}"/>` +
  '</Types>';

/** Bytes that stand for a VBA project: never read, only carried. */
function vbaProject(): Uint8Array {
  const bytes = new Uint8Array(2048);
  bytes.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
  for (let i = 8; i < bytes.length; i++) bytes[i] = (i * 31 + 7) % 251;
  return bytes;
}

export function richWorkbookParts(): Record<string, string | Uint8Array> {
  return {
    '[Content_Types].xml': CONTENT_TYPES,
    '_rels/.rels': rels([
      ['rId1', REL('officeDocument'), 'xl/workbook.xml'],
      [
        'rId2',
        'http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties',
        'docProps/core.xml',
      ],
      ['rId3', REL('extended-properties'), 'docProps/app.xml'],
      ['rId4', REL('custom-properties'), 'docProps/custom.xml'],
    ]),
    'docProps/core.xml': `${HEAD}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:creator>Finance</dc:creator></cp:coreProperties>`,
    'docProps/app.xml': `${HEAD}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>Microsoft Excel</Application></Properties>`,
    'docProps/custom.xml': `${HEAD}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"><property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="2" name="MSIP_Label_3f8f6c2e_Name"><vt:lpwstr>OFFICIAL-SENSITIVE</vt:lpwstr></property></Properties>`,
    'xl/workbook.xml': WORKBOOK,
    'xl/_rels/workbook.xml.rels': rels([
      ['rId1', REL('worksheet'), 'worksheets/sheet1.xml'],
      ['rId2', REL('worksheet'), 'worksheets/sheet2.xml'],
      ['rId3', REL('worksheet'), 'worksheets/sheet3.xml'],
      ['rId4', REL('worksheet'), 'worksheets/sheet4.xml'],
      ['rId5', REL('styles'), 'styles.xml'],
      ['rId6', REL('sharedStrings'), 'sharedStrings.xml'],
      ['rId7', REL('externalLink'), 'externalLinks/externalLink1.xml'],
      ['rId8', REL('pivotCacheDefinition'), 'pivotCache/pivotCacheDefinition1.xml'],
      ['rId9', REL('customXml'), '../customXml/item1.xml'],
      ['rId10', 'http://schemas.microsoft.com/office/2006/relationships/vbaProject', 'vbaProject.bin'],
      ['rId11', REL('calcChain'), 'calcChain.xml'],
      ['rId12', 'http://schemas.microsoft.com/office/2017/10/relationships/person', 'persons/person.xml'],
    ]),
    'xl/styles.xml': STYLES,
    'xl/sharedStrings.xml': `${HEAD}<sst xmlns="${MAIN}" count="${STRINGS.length}" uniqueCount="${STRINGS.length}">${STRINGS.map((t) => `<si><t>${t}</t></si>`).join('')}</sst>`,
    'xl/worksheets/sheet1.xml': GROWTH_SHEET,
    'xl/worksheets/_rels/sheet1.xml.rels': rels([
      ['rId1', REL('drawing'), '../drawings/drawing1.xml'],
      ['rId2', REL('vmlDrawing'), '../drawings/vmlDrawing1.vml'],
      ['rId3', REL('comments'), '../comments1.xml'],
      ['rId4', REL('printerSettings'), '../printerSettings/printerSettings1.bin2'],
      [
        'rId5',
        'http://schemas.microsoft.com/office/2017/10/relationships/threadedComment',
        '../threadedComments/threadedComment1.xml',
      ],
    ]),
    'xl/printerSettings/printerSettings1.bin2': new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8]),
    'xl/worksheets/sheet2.xml': LISTS_SHEET,
    'xl/worksheets/sheet3.xml': PIVOT_SHEET,
    'xl/worksheets/_rels/sheet3.xml.rels': rels([['rId1', REL('pivotTable'), '../pivotTables/pivotTable1.xml']]),
    'xl/worksheets/sheet4.xml': NOTES_SHEET,
    'xl/drawings/drawing1.xml': `${HEAD}<xdr:wsDr xmlns:xdr="http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><xdr:twoCellAnchor><xdr:from><xdr:col>8</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>2</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:from><xdr:to><xdr:col>15</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>17</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:to><xdr:graphicFrame macro=""><xdr:nvGraphicFramePr><xdr:cNvPr id="2" name="Growth chart"/><xdr:cNvGraphicFramePr/></xdr:nvGraphicFramePr><xdr:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></xdr:xfrm><a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/chart"><c:chart xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" xmlns:r="${R}" r:id="rId1"/></a:graphicData></a:graphic></xdr:graphicFrame><xdr:clientData/></xdr:twoCellAnchor></xdr:wsDr>`,
    'xl/drawings/_rels/drawing1.xml.rels': rels([['rId1', REL('chart'), '../charts/chart1.xml']]),
    'xl/charts/chart1.xml': `${HEAD}<c:chartSpace xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart"><c:chart><c:plotArea><c:layout/><c:barChart><c:barDir val="col"/><c:grouping val="clustered"/><c:ser><c:idx val="0"/><c:order val="0"/><c:val><c:numRef><c:f>Growth!$C$7:$F$7</c:f></c:numRef></c:val></c:ser><c:axId val="1"/><c:axId val="2"/></c:barChart></c:plotArea></c:chart></c:chartSpace>`,
    'xl/drawings/vmlDrawing1.vml':
      '<xml xmlns:v="urn:schemas-microsoft-com:vml" xmlns:x="urn:schemas-microsoft-com:office:excel"><v:shape type="#_x0000_t202"><x:ClientData ObjectType="Note"><x:Row>3</x:Row><x:Column>2</x:Column></x:ClientData></v:shape></xml>',
    'xl/comments1.xml': `${HEAD}<comments xmlns="${MAIN}"><authors><author>Jane Finance</author><author>tc={6F1A}</author></authors><commentList><comment ref="C4" authorId="0"><text><r><rPr><b/></rPr><t>Jane Finance:</t></r><r><t xml:space="preserve"> agreed with the service in October</t></r></text></comment></commentList></comments>`,
    'xl/threadedComments/threadedComment1.xml': `${HEAD}<ThreadedComments xmlns="http://schemas.microsoft.com/office/spreadsheetml/2018/threadedcomments"><threadedComment ref="D4" dT="2025-10-01T09:00:00.00" personId="{00000000-0000-0000-0000-000000000001}" id="{6F1A}"><text>Check with the service lead</text></threadedComment></ThreadedComments>`,
    'xl/persons/person.xml': `${HEAD}<personList xmlns="http://schemas.microsoft.com/office/spreadsheetml/2018/threadedcomments"><person displayName="Jane Finance" id="{00000000-0000-0000-0000-000000000001}" providerId="None"/></personList>`,
    'xl/externalLinks/externalLink1.xml': `${HEAD}<externalLink xmlns="${MAIN}" xmlns:r="${R}"><externalBook r:id="rId1"><sheetNames><sheetName val="Budget"/></sheetNames><sheetDataSet><sheetData sheetId="0"><row r="5"><cell r="B5"><v>5</v></cell></row></sheetData></sheetDataSet></externalBook></externalLink>`,
    'xl/externalLinks/_rels/externalLink1.xml.rels': rels([
      ['rId1', REL('externalLinkPath'), 'file:///C:\\Budget\\budget-2015.xlsx', true],
    ]),
    'xl/pivotTables/pivotTable1.xml': `${HEAD}<pivotTableDefinition xmlns="${MAIN}" name="PivotTable1" cacheId="1" dataCaption="Values"><location ref="A3:B4" firstHeaderRow="1" firstDataRow="1" firstDataCol="1"/><pivotFields count="2"><pivotField axis="axisRow" showAll="0"><items count="1"><item t="default"/></items></pivotField><pivotField dataField="1" showAll="0"/></pivotFields><dataFields count="1"><dataField name="Budget" fld="1" baseField="0" baseItem="0"/></dataFields></pivotTableDefinition>`,
    'xl/pivotTables/_rels/pivotTable1.xml.rels': rels([
      ['rId1', REL('pivotCacheDefinition'), '../pivotCache/pivotCacheDefinition1.xml'],
    ]),
    'xl/pivotCache/pivotCacheDefinition1.xml': `${HEAD}<pivotCacheDefinition xmlns="${MAIN}" xmlns:r="${R}" r:id="rId1" recordCount="1"><cacheSource type="worksheet"><worksheetSource ref="A1:B2" sheet="Lists"/></cacheSource><cacheFields count="2"><cacheField name="Region" numFmtId="0"><sharedItems/></cacheField><cacheField name="Budget" numFmtId="0"><sharedItems containsNumber="1" minValue="150" maxValue="150"/></cacheField></cacheFields></pivotCacheDefinition>`,
    'xl/pivotCache/_rels/pivotCacheDefinition1.xml.rels': rels([
      ['rId1', REL('pivotCacheRecords'), 'pivotCacheRecords1.xml'],
    ]),
    'xl/pivotCache/pivotCacheRecords1.xml': `${HEAD}<pivotCacheRecords xmlns="${MAIN}" count="1"><r><s v="Eff"/><n v="150"/></r></pivotCacheRecords>`,
    'xl/vbaProject.bin': vbaProject(),
    'xl/calcChain.xml': `${HEAD}<calcChain xmlns="${MAIN}"><c r="H4" i="4"/><c r="H5"/></calcChain>`,
    'customXml/item1.xml': `${HEAD}<p:properties xmlns:p="http://schemas.microsoft.com/office/2006/metadata/properties"><documentManagement><RetentionLabel>Finance - 7 years</RetentionLabel></documentManagement></p:properties>`,
    'customXml/itemProps1.xml': `${HEAD}<ds:datastoreItem ds:itemID="{9A1B0C2D-0000-4000-8000-000000000001}" xmlns:ds="http://schemas.openxmlformats.org/officeDocument/2006/customXml"><ds:schemaRefs><ds:schemaRef ds:uri="http://schemas.microsoft.com/office/2006/metadata/properties"/></ds:schemaRefs></ds:datastoreItem>`,
    'customXml/_rels/item1.xml.rels': rels([['rId1', REL('customXmlProps'), 'itemProps1.xml']]),
  };
}

export function richWorkbook(): Uint8Array {
  return zipOf(richWorkbookParts());
}
