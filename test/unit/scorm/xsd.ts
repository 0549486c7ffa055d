// Validates an imsmanifest.xml against the SCORM 1.2 schema files shipped in test/fixtures/scorm/xsd (see
// ORIGIN.md there), with libxml2's xmllint compiled to WebAssembly. For tests only.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { validateXML } from 'xmllint-wasm';

const xsdDir = join(process.cwd(), 'test/fixtures/scorm/xsd');
const xsd = (name: string) => ({ fileName: name, contents: readFileSync(join(xsdDir, name), 'utf8') });

/** ADL's adlcp schema, which imports IMS CP 1.1.2 (which imports xml.xsd), with IMS metadata beside them. */
export function validateManifest(xml: string) {
  return validateXML({
    xml: [{ fileName: 'imsmanifest.xml', contents: xml }],
    schema: [xsd('adlcp_rootv1p2.xsd')],
    preload: [xsd('imscp_rootv1p1p2.xsd'), xsd('imsmd_rootv1p2p1.xsd'), xsd('ims_xml.xsd')],
  });
}
