import { type Random, chance, pick } from './seededRandom';

/**
 * The demo's people and customers, each name with its English form as the customers' own letterheads
 * and contracts write it: a person by full name in pinyin, surname first, a firm by its city, its name in pinyin and the
 * kind of business in English ("上海华信商贸有限公司" → "Shanghai Huaxin Trading Co., Ltd.").
 */

type Named = readonly [name: string, nameEn: string];

export const SURNAMES: readonly Named[] = [
  ['王', 'Wang'], ['李', 'Li'], ['张', 'Zhang'], ['刘', 'Liu'], ['陈', 'Chen'], ['杨', 'Yang'], ['黄', 'Huang'], ['赵', 'Zhao'],
  ['吴', 'Wu'], ['周', 'Zhou'], ['徐', 'Xu'], ['孙', 'Sun'], ['马', 'Ma'], ['朱', 'Zhu'], ['胡', 'Hu'], ['郭', 'Guo'],
  ['何', 'He'], ['高', 'Gao'], ['林', 'Lin'], ['罗', 'Luo'], ['郑', 'Zheng'], ['梁', 'Liang'], ['谢', 'Xie'], ['宋', 'Song'],
  ['唐', 'Tang'], ['许', 'Xu'], ['韩', 'Han'], ['冯', 'Feng'], ['邓', 'Deng'], ['曹', 'Cao'], ['彭', 'Peng'], ['曾', 'Zeng'],
  ['肖', 'Xiao'], ['田', 'Tian'], ['董', 'Dong'], ['袁', 'Yuan'], ['潘', 'Pan'], ['于', 'Yu'], ['蒋', 'Jiang'], ['蔡', 'Cai'],
  ['余', 'Yu'], ['杜', 'Du'], ['叶', 'Ye'], ['程', 'Cheng'], ['苏', 'Su'], ['魏', 'Wei'], ['吕', 'Lyu'], ['丁', 'Ding'],
  ['任', 'Ren'], ['沈', 'Shen'],
];

const ORG_WORDS: readonly Named[] = [
  ['华信', 'Huaxin'], ['恒通', 'Hengtong'], ['瑞丰', 'Ruifeng'], ['金桥', 'Jinqiao'], ['宏达', 'Hongda'], ['新元', 'Xinyuan'],
  ['东方', 'Dongfang'], ['安泰', 'Antai'], ['佳美', 'Jiamei'], ['远航', 'Yuanhang'], ['中诚', 'Zhongcheng'], ['鑫源', 'Shinyuan'],
];
/** Further names a firm may take when the first it drew is another's: a city has about a hundred firms. */
const MORE_ORG_WORDS: readonly Named[] = [
  ['长城', 'Changcheng'], ['星辰', 'Xingchen'], ['海天', 'Haitian'], ['永盛', 'Yongsheng'], ['博雅', 'Boya'], ['天润', 'Tianrun'],
  ['嘉禾', 'Jiahe'], ['广源', 'Guangyuan'], ['万通', 'Wantong'], ['昌盛', 'Changsheng'], ['融信', 'Rongxin'], ['华美', 'Huamei'],
];

/** Given-name characters with their pinyin, for a person's English name as their business card writes it (王伟 → Wang Wei). */
const GIVEN: readonly Named[] = Object.entries({
  伟: 'wei', 芳: 'fang', 娜: 'na', 敏: 'min', 静: 'jing', 丽: 'li', 强: 'qiang', 磊: 'lei', 军: 'jun', 洋: 'yang', 勇: 'yong', 艳: 'yan',
  杰: 'jie', 娟: 'juan', 涛: 'tao', 明: 'ming', 超: 'chao', 秀: 'xiu', 霞: 'xia', 平: 'ping', 刚: 'gang', 桂: 'gui', 英: 'ying', 华: 'hua',
  建: 'jian', 国: 'guo', 文: 'wen', 斌: 'bin', 鹏: 'peng', 宇: 'yu', 浩: 'hao', 辉: 'hui', 婷: 'ting', 健: 'jian', 俊: 'jun', 峰: 'feng',
  琳: 'lin', 雪: 'xue', 梅: 'mei', 晨: 'chen', 阳: 'yang',
});

function givenName(random: Random): readonly [string, string] {
  const given = [pick(random, GIVEN), ...(chance(random, 0.6) ? [pick(random, GIVEN)] : [])];
  const pinyin = given.map(([, syllable]) => syllable).join('');
  return [given.map(([char]) => char).join(''), pinyin[0]!.toUpperCase() + pinyin.slice(1)];
}

/** An engineer's name and its English form; the same draws as the Chinese-only names before, so a demo store's engineers keep theirs. */
export function personName(random: Random): CustomerNames {
  const [surname, surnameEn] = pick(random, SURNAMES);
  const [given, givenEn] = givenName(random);
  return { name: surname + given, nameEn: `${surnameEn} ${givenEn}` };
}

const ORG_KINDS: readonly Named[] = [
  ['医院', 'Hospital'], ['大酒店', 'Grand Hotel'], ['商贸有限公司', 'Trading Co., Ltd.'], ['物业管理有限公司', 'Property Management Co., Ltd.'],
  ['连锁超市', 'Supermarkets'], ['制造有限公司', 'Manufacturing Co., Ltd.'], ['学校', 'School'], ['写字楼', 'Office Tower'],
  ['冷链物流有限公司', 'Cold Chain Logistics Co., Ltd.'],
];

export interface CustomerNames {
  name: string;
  nameEn: string;
}

/**
 * Half the standard customers are private persons, by full name (王建国 → Wang Jianguo); the rest, and every
 * key and VIP account, firms in one of the cities. Each name, Chinese and English, is its own: one already
 * `taken` is drawn again from `spare`, so the customers' first draws (and the tiers drawn after them) stay.
 */
export function customerNames(random: Random, person: boolean, cities: readonly CustomerNames[], taken: Set<string>, spare: Random): CustomerNames {
  const isTaken = ({ name, nameEn }: CustomerNames) => taken.has(name) || taken.has(nameEn);
  let names: CustomerNames;
  if (person) {
    const [surname, surnameEn] = pick(random, SURNAMES);
    chance(random, 0.5); // the draw that once chose 先生 or 女士
    const named = (from: Random) => {
      const [given, givenEn] = givenName(from);
      return { name: surname + given, nameEn: `${surnameEn} ${givenEn}` };
    };
    names = named(spare);
    for (let tries = 0; isTaken(names) && tries < 100; tries += 1) names = named(spare);
  } else {
    const city = pick(random, cities);
    const firm = ([word, wordEn]: Named, [kind, kindEn]: Named) => ({ name: `${city.name}${word}${kind}`, nameEn: `${city.nameEn} ${wordEn} ${kindEn}` });
    names = firm(pick(random, ORG_WORDS), pick(random, ORG_KINDS));
    for (let tries = 0; isTaken(names) && tries < 100; tries += 1) names = firm(pick(spare, [...ORG_WORDS, ...MORE_ORG_WORDS]), pick(spare, ORG_KINDS));
  }
  taken.add(names.name).add(names.nameEn);
  return names;
}
