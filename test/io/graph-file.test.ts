/** GEXF and GraphML import: round trips through Milieu's own exporter, and a Gephi-style file. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadDataset } from '../../src/dataset/load.ts';
import { InputError } from '../../src/errors.ts';
import { exportNetwork } from '../../src/io/export.ts';
import { readGexf, readGraphml } from '../../src/io/graph-file.ts';
import { readPackage } from '../../src/io/package.ts';
import { scanXml } from '../../src/io/xml-scan.ts';
import { importSource } from '../../src/store/import.ts';
import { openStore, type Store } from '../../src/store/store.ts';
import { runCli, tempDir } from '../helpers.ts';

let open: Store[] = [];
afterEach(() => {
  for (const s of open) s.close();
  open = [];
});

async function memoryStore(): Promise<Store> {
  const s = await openStore(':memory:');
  open.push(s);
  return s;
}

const ORGS = `id,name,kind,country,nuts,locality,lat,lon
a,Alpha & Co,sme,DE,DE212,München,48.137,11.575
b,"Beta ""B"" Labs",university,FR,FRK24,Grenoble,45.188,5.724
c,Gamma <GmbH>,research-institute,DE,,,,
d,Delta,large-firm,UK,UKH12,Fenbridge,52.21,0.1
`;
const TIES = `source,target,kind,weight
a,b,collaboration,2
b,c,collaboration,1
a,d,collaboration,3.5
`;

async function rows(store: Store, sql: string): Promise<unknown[][]> {
  return (await store.connection.runAndReadAll(sql)).getRowsJS() as unknown[][];
}

const ORG_SQL = 'SELECT id, name, kind, country, nuts, locality, lat, lon FROM organisations ORDER BY id';
// ties as unordered pairs: the exported network is undirected
const TIE_SQL = `SELECT least(source, target), greatest(source, target), kind, weight FROM ties ORDER BY 1, 2`;

describe('GEXF and GraphML import', () => {
  for (const format of ['gexf', 'graphml'] as const) {
    it(`round trip: a store exported as ${format} and imported again has the same organisations and ties`, async () => {
      const dir = join(tempDir(), 'pkg');
      mkdirSync(dir);
      writeFileSync(join(dir, 'organisations.csv'), ORGS);
      writeFileSync(join(dir, 'ties.csv'), TIES);
      const source = await memoryStore();
      await importSource(source, 'package', dir, readPackage);
      const file = join(tempDir(), `net.${format}`);
      exportNetwork(await loadDataset(source), file, format);

      const target = await memoryStore();
      const result = await importSource(target, format, file, format === 'gexf' ? readGexf : readGraphml);
      expect(result.rowCounts).toEqual({ organisations: 4, ties: 3 });
      expect(result.notes).toContain("3 edge(s) without a kind attribute were read as 'collaboration' ties");
      expect(await rows(target, ORG_SQL)).toEqual(await rows(source, ORG_SQL));
      expect(await rows(target, TIE_SQL)).toEqual([
        ['a', 'b', 'collaboration', 2],
        ['a', 'd', 'collaboration', 3.5],
        ['b', 'c', 'collaboration', 1],
      ]);
    });
  }

  const GEPHI = `<?xml version="1.0" encoding="UTF-8"?>
<gexf xmlns="http://gexf.net/1.3" xmlns:viz="http://gexf.net/1.3/viz" version="1.3">
  <meta lastmodifieddate="2024-05-01"><creator>Gephi 0.10.1</creator></meta>
  <graph defaultedgetype="directed" mode="static">
    <attributes class="node" mode="static">
      <attribute id="0" title="Kind" type="string"/>
      <attribute id="1" title="Founded" type="integer"/>
      <attribute id="2" title="NUTS3" type="string"/>
      <attribute id="3" title="Latitude" type="double"/>
      <attribute id="4" title="modularity_class" type="integer"/>
    </attributes>
    <attributes class="edge" mode="static">
      <attribute id="k" title="Kind" type="string"/>
    </attributes>
    <nodes>
      <node id="n1" label="North Labs">
        <attvalues><attvalue for="0" value="SME"/><attvalue for="1" value="1998"/><attvalue for="2" value="DE212"/><attvalue for="3" value="48.1"/><attvalue for="4" value="0"/></attvalues>
        <viz:size value="10.0"/><viz:position x="1.5" y="-2.0"/><viz:color r="255" g="0" b="0"/>
      </node>
      <node id="n2" label="South Works">
        <attvalues><attvalue for="0" value="large-firm"/><attvalue for="1" value="0x7C6"/></attvalues>
      </node>
      <node id="n3">
        <attvalues><attvalue for="0" value="university"/><attvalue for="1" value="1990.5"/></attvalues>
      </node>
    </nodes>
    <edges>
      <edge id="e1" source="n1" target="n2" weight="2.0" start="2001-03-15" end="2004"><attvalues><attvalue for="k" value="supplier"/></attvalues></edge>
      <edge id="e2" source="n2" target="n3" weight="0x10"/>
    </edges>
  </graph>
</gexf>
`;

  it('a Gephi file with bad values: exit 2 naming the file, line, node or edge and attribute', async () => {
    const file = join(tempDir(), 'gephi.gexf');
    writeFileSync(file, GEPHI);
    const store = await memoryStore();
    const e = (await importSource(store, 'gexf', file, readGexf).catch((x) => x)) as InputError;
    expect(e).toBeInstanceOf(InputError);
    expect(e.issues.map((i) => `${i.line} ${i.column}: ${i.reason}`)).toEqual([
      "20 node 'n2', founded: not a whole number: '0x7C6'",
      "23 node 'n3', founded: not a whole number: '1990.5'",
      "29 edge 'e2', weight: not a number: '0x10'",
    ]);
    expect(e.issues[0].file).toBe(file);
    const r = runCli(['import', join(tempDir(), 'x.duckdb'), file, '-q']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(`${file}:20 [node 'n2', founded]: not a whole number: '0x7C6'`);
  });

  it('a valid Gephi file: attributes mapped by name in any case, Gephi extras ignored and listed', async () => {
    const file = join(tempDir(), 'gephi.gexf');
    writeFileSync(
      file,
      GEPHI.replace('value="0x7C6"', 'value="1990"')
        .replace('value="1990.5"', 'value="1991"')
        .replace('weight="0x10"', 'weight="16"'),
    );
    const store = await memoryStore();
    const result = await importSource(store, 'gexf', file, readGexf);
    expect(result.rowCounts).toEqual({ organisations: 3, ties: 2 });
    expect(result.notes).toEqual([
      "1 edge(s) without a kind attribute were read as 'collaboration' ties",
      "attributes not in Milieu's model, ignored: modularity_class",
    ]);
    expect(
      await rows(store, 'SELECT id, name, kind, founded, nuts, lat FROM organisations ORDER BY id'),
    ).toEqual([
      ['n1', 'North Labs', 'sme', 1998, 'DE212', 48.1],
      ['n2', 'South Works', 'large-firm', 1990, null, null],
      ['n3', null, 'university', 1991, null, null],
    ]);
    expect(
      await rows(store, 'SELECT source, target, kind, weight, start, "end" FROM ties ORDER BY source'),
    ).toEqual([
      ['n1', 'n2', 'supplier', 2, 2001, 2004],
      ['n2', 'n3', 'collaboration', 16, null, null],
    ]);
  });

  it('refuses broken XML with its line, which graphology would read in part', async () => {
    const file = join(tempDir(), 'broken.gexf');
    writeFileSync(
      file,
      '<?xml version="1.0"?>\n<gexf>\n<graph>\n<nodes>\n<node id="a" label="A">\n</nodes>\n</graph>\n</gexf>\n',
    );
    const store = await memoryStore();
    const e = (await importSource(store, 'gexf', file, readGexf).catch((x) => x)) as InputError;
    expect(e.issues).toEqual([
      {
        file,
        line: 6,
        column: 'char 1',
        reason: 'not well-formed XML: closing tag </nodes> does not match <node> opened on line 5',
      },
    ]);
  });

  it('an edge to a node that is neither in the file nor in the store', async () => {
    const file = join(tempDir(), 'dangling.graphml');
    writeFileSync(
      file,
      `<?xml version="1.0"?>
<graphml xmlns="http://graphml.graphdrawing.org/xmlns">
  <key id="d0" for="node" attr.name="kind" attr.type="string"/>
  <graph edgedefault="undirected">
    <node id="a"><data key="d0">sme</data></node>
    <edge id="x" source="a" target="ghost"/>
  </graph>
</graphml>
`,
    );
    const store = await memoryStore();
    const e = (await importSource(store, 'graphml', file, readGraphml).catch((x) => x)) as InputError;
    expect(e.issues.map((i) => `${i.line} ${i.column}: ${i.reason.split(' (')[0]}`)).toEqual([
      "6 edge 'x', target: unknown organisation 'ghost'",
    ]);
  });
});

describe('scanXml', () => {
  it('finds tags with lines and decoded attributes, and the first nesting error', () => {
    expect(scanXml('<g>\n<node id="a &amp; b"/>\n</g>', new Set(['node']))).toEqual({
      error: null,
      tags: [{ name: 'node', line: 2, attributes: { id: 'a & b' } }],
    });
    expect(scanXml('<g>\n<!-- <x> -->\n<a>\n</g>', new Set()).error).toEqual({
      line: 4,
      column: 1,
      reason: 'closing tag </g> does not match <a> opened on line 3',
    });
    expect(scanXml('not xml', new Set()).error?.reason).toBe(
      'text outside the root element (not an XML file?)',
    );
    expect(scanXml('<g>', new Set()).error?.reason).toBe('<g> is never closed');
  });
});
