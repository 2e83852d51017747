import { nameVariants } from '../../src/entities/entity.resolver';
import { toEntityRecord } from '../../src/entities/records';
import { paragraphOf, paragraphStarts } from '../../src/ingest/paragraphs';
import { abbreviate, deriveNameForms } from '../../src/search/name-forms';

describe('abbreviations of zone types (derived name forms)', () => {
  test.each([
    ['太原经济技术开发区', '太原经开区'],
    ['山西阳泉经济开发区', '山西阳泉经开区'],
    ['太原高新技术产业开发区', '太原高新区'],
    ['江苏省常熟高新技术产业园区', '江苏省常熟高新区'],
    ['太原武宿综合保税区', '太原武宿综保区'],
    ['苏州工业园区', '苏州工业园'],
    ['成都高新综合保税区及双流园区', '成都高新综保区及双流园区'],
    ['上党经济技术开发区管委会', '上党经开区管委会'],
    // Traditional script is read in its simplified form.
    ['太原經濟技術開發區', '太原经开区'],
  ])('%s → %s', (name, short) => {
    expect(abbreviate(name)).toBe(short);
  });

  test('a name with no zone type has no abbreviation', () => {
    expect(abbreviate('中国银行')).toBeNull();
    expect(abbreviate('神池现代农业产业示范区')).toBeNull();
  });

  test('derived forms: a short form already given as an alias is not repeated; short forms get pinyin and initials', () => {
    expect(deriveNameForms(['上党经济技术开发区', '上党经开区']).abbreviations).toEqual([]);
    const forms = deriveNameForms(['太原经济技术开发区']);
    expect(forms.abbreviations).toEqual(['太原经开区']);
    expect(forms.pinyinNames).toEqual(expect.arrayContaining(['taiyuanjingkaiqu', 'tai yuan jing kai qu']));
    expect(forms.initials).toEqual(expect.arrayContaining(['tyjjjskfq', 'tyjkq']));
    expect(forms.traditionalNames).toEqual(expect.arrayContaining(['太原經開區']));
  });

  test('nameVariants labels abbreviations and identifiers as such', () => {
    const record = toEntityRecord({
      id: 'zone:cn-g141004',
      kind: 'ZONE',
      name: '太原经济技术开发区',
      aliases: [],
      abbreviations: ['太原经开区'],
      identifiers: ['G141004'],
    });
    expect(nameVariants(record)).toEqual(
      expect.arrayContaining([
        { text: '太原经开区', script: 'HAN_SIMPLIFIED', kind: 'ABBREVIATION' },
        { text: 'G141004', script: 'LATIN', kind: 'IDENTIFIER' },
      ]),
    );
  });
});

describe('paragraphOf', () => {
  const text = 'first line\n\n  \nsecond\r\nthird line here\nlast';
  test('agrees with a scan of every paragraph for every span, and says -1 across a break', () => {
    const spans = paragraphStarts(text);
    for (let start = 0; start < text.length; start += 1) {
      for (let end = start + 1; end <= text.length; end += 1) {
        const expected = spans.findIndex((span) => start >= span.start && end <= span.end);
        expect([start, end, paragraphOf(text, start, end)]).toEqual([start, end, expected]);
      }
    }
    expect(paragraphOf(text, 0, 5)).toBe(0);
    expect(paragraphOf('other text', 0, 5)).toBe(0);
  });
});
