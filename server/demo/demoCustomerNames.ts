import { type Random, chance, pick } from './seededRandom';

/**
 * The demo's people and customers, each name with its English form as the customers' own letterheads
 * and contracts write it: a person by surname in pinyin, a firm by its city, its name in pinyin and the
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

const ORG_KINDS: readonly Named[] = [
  ['医院', 'Hospital'], ['大酒店', 'Grand Hotel'], ['商贸有限公司', 'Trading Co., Ltd.'], ['物业管理有限公司', 'Property Management Co., Ltd.'],
  ['连锁超市', 'Supermarkets'], ['制造有限公司', 'Manufacturing Co., Ltd.'], ['学校', 'School'], ['写字楼', 'Office Tower'],
  ['冷链物流有限公司', 'Cold Chain Logistics Co., Ltd.'],
];

export interface CustomerNames {
  name: string;
  nameEn: string;
}

/** Half the standard customers are private persons (王先生 / Mr. Wang); the rest, and every key and VIP account, firms in one of the cities. */
export function customerNames(random: Random, person: boolean, cities: readonly CustomerNames[]): CustomerNames {
  if (person) {
    const [surname, surnameEn] = pick(random, SURNAMES);
    return chance(random, 0.5) ? { name: `${surname}先生`, nameEn: `Mr. ${surnameEn}` } : { name: `${surname}女士`, nameEn: `Ms. ${surnameEn}` };
  }
  const city = pick(random, cities);
  const [word, wordEn] = pick(random, ORG_WORDS);
  const [kind, kindEn] = pick(random, ORG_KINDS);
  return { name: `${city.name}${word}${kind}`, nameEn: `${city.nameEn} ${wordEn} ${kindEn}` };
}
