import { parse } from 'graphql';
import { columnsOf, ExportError, rowSource, rowsOf } from './rows.ts';
import { operationOf, selectionTree } from './selection-tree.ts';

const treeOf = (query: string, name?: string) => {
  const document = parse(query);
  return selectionTree(document, operationOf(document, name)!);
};
const csvRows = (source: ReturnType<typeof rowSource>) => {
  const columns = columnsOf(source);
  return [columns, ...source.items.flatMap((item) => rowsOf(item, source.tree, columns))];
};

describe('selection tree', () => {
  test('aliases, fragments and inline fragments merged, in the order asked', () => {
    const tree = treeOf(`
      query Q { region(code: "A") { code ...F ... on Region { la: localAuthorities { name } } } }
      fragment F on Region { la: localAuthorities { code } name }`);
    expect(columnsOf({ path: '', tree, items: [] })).toEqual(['region.code', 'region.la.code', 'region.la.name', 'region.name']);
  });

  test('the operation named, or the only one', () => {
    const document = parse('query A { a } query B { b }');
    expect(operationOf(document, 'B')?.name?.value).toBe('B');
    expect(operationOf(document)).toBeUndefined();
  });
});

describe('rows', () => {
  const tree = treeOf('{ region { code las { code tags schools { urn } head { name } support { id } } } }');
  const data = {
    region: {
      code: 'A',
      las: [
        { code: '808', tags: ['x', 'y'], schools: [{ urn: '1' }, { urn: '2' }], head: { name: 'Ann' }, support: [{ id: 's1' }] },
        { code: '809', tags: [], schools: [], head: null, support: [] },
      ],
    },
  };

  test('the one list of the result; lists of scalars joined; nested lists of objects one after the other', () => {
    const source = rowSource(data, tree);
    expect(source.path).toBe('region.las');
    expect(csvRows(source)).toEqual([
      ['code', 'tags', 'schools.urn', 'head.name', 'support.id'],
      ['808', 'x; y', '1', 'Ann', ''],
      ['808', 'x; y', '2', 'Ann', ''],
      ['808', 'x; y', '', 'Ann', 's1'],
      ['809', '', '', '', ''],
    ]);
  });

  test('no list: the whole result is one row; null, numbers and booleans', () => {
    const source = rowSource({ scitt: { n: 3, ok: true, lead: null } }, treeOf('{ scitt { n ok lead { urn } } }'));
    expect(csvRows(source)).toEqual([
      ['scitt.n', 'scitt.ok', 'scitt.lead.urn'],
      ['3', 'true', ''],
    ]);
  });

  test('several lists need a path; a path picks a list or an object; a null on the way gives no rows', () => {
    const twoLists = treeOf('{ a { code } b { code } }');
    const value = { a: [{ code: '1' }], b: [{ code: '2' }, { code: '3' }] };
    expect(() => rowSource(value, twoLists)).toThrow(ExportError);
    expect(() => rowSource(value, twoLists)).toThrow(/2 lists \(a, b\).*\?path=a/);
    expect(rowSource(value, twoLists, 'b').items).toHaveLength(2);
    expect(rowSource(data, tree, 'region').items).toEqual([data.region]);
    expect(rowSource({ region: null }, tree, 'region.las').items).toEqual([]);
  });

  test('a path that is not in the query, names a leaf or crosses a list is refused with the lists there are', () => {
    expect(() => rowSource(data, tree, 'region.nope')).toThrow(/no field "region.nope" \(its lists: region.las\)/);
    expect(() => rowSource(data, tree, 'region.code')).toThrow(/leaf field/);
    expect(() => rowSource(data, tree, 'region.las.schools')).toThrow(/"region.las" is a list/);
  });
});
