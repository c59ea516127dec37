import { describe, expect, it } from 'vitest';
import { CARDDAV, child, DAV, escapeXml, parseXml, XmlError } from './dav-xml.js';

describe('DAV XML reader', () => {
  it('resolves default and prefixed namespaces, and redeclarations in nested elements', () => {
    const root = parseXml(
      `<?xml version="1.0" encoding="utf-8"?>
      <!-- a comment -->
      <D:propfind xmlns:D="DAV:" xmlns="urn:ietf:params:xml:ns:carddav">
        <D:prop><address-data/><D:getetag/><x:getctag xmlns:x="http://calendarserver.org/ns/"/>
          <D:displayname xmlns:D="urn:other"/></D:prop>
      </D:propfind>`,
    );
    expect([root.ns, root.name]).toEqual([DAV, 'propfind']);
    const prop = child(root, DAV, 'prop');
    expect(prop?.children.map((c) => [c.ns, c.name])).toEqual([
      [CARDDAV, 'address-data'],
      [DAV, 'getetag'],
      ['http://calendarserver.org/ns/', 'getctag'],
      ['urn:other', 'displayname'],
    ]);
  });

  it('decodes entities, character references and CDATA in text and attributes', () => {
    const el = parseXml(`<a xmlns="x:" v='1 &lt; 2'>Ruiz &amp; Co &#233;&#x1F600; <![CDATA[<raw & kept>]]></a>`);
    expect(el.text).toBe('Ruiz & Co é😀 <raw & kept>');
    expect(el.attrs.v).toBe('1 < 2');
  });

  it('refuses malformed documents, undeclared prefixes and DOCTYPEs', () => {
    for (const bad of [
      '',
      '<a>',
      '<a></b>',
      '<a/><b/>',
      'text<a/>',
      '<x:a/>',
      '<a b=c/>',
      '<a>&unknown;</a>',
      '<!DOCTYPE a [<!ENTITY e "boom">]><a>&e;</a>',
    ]) {
      expect(() => parseXml(bad), bad).toThrow(XmlError);
    }
  });

  it('escapes text for responses', () => {
    expect(escapeXml(`"a" & <b> 'c'`)).toBe('&quot;a&quot; &amp; &lt;b&gt; &apos;c&apos;');
  });
});
