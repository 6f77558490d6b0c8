// Realistic Chinese personal names: surnames weighted by their share of the population (national
// census order, per mille), given-name characters leaning by gender. Each character carries its
// pinyin so that work e-mail addresses look like a bank's (wei.zhang@…).
import type { Rng } from './random';

type Char = readonly [char: string, pinyin: string];

const SURNAMES: readonly (readonly [Char, number])[] = [
  [['王', 'wang'], 72], [['李', 'li'], 72], [['张', 'zhang'], 68], [['刘', 'liu'], 54], [['陈', 'chen'], 45],
  [['杨', 'yang'], 31], [['黄', 'huang'], 22], [['赵', 'zhao'], 19], [['吴', 'wu'], 18], [['周', 'zhou'], 17],
  [['徐', 'xu'], 13], [['孙', 'sun'], 12], [['马', 'ma'], 12], [['朱', 'zhu'], 11], [['胡', 'hu'], 11],
  [['郭', 'guo'], 10], [['何', 'he'], 10], [['高', 'gao'], 9], [['林', 'lin'], 9], [['罗', 'luo'], 9],
  [['郑', 'zheng'], 8], [['梁', 'liang'], 7], [['谢', 'xie'], 6], [['宋', 'song'], 6], [['唐', 'tang'], 5],
  [['许', 'xu'], 5], [['韩', 'han'], 5], [['冯', 'feng'], 5], [['邓', 'deng'], 5], [['曹', 'cao'], 5],
  [['彭', 'peng'], 5], [['曾', 'zeng'], 4], [['肖', 'xiao'], 4], [['田', 'tian'], 4], [['董', 'dong'], 4],
  [['袁', 'yuan'], 4], [['潘', 'pan'], 4], [['于', 'yu'], 4], [['蒋', 'jiang'], 4], [['蔡', 'cai'], 4],
  [['余', 'yu'], 4], [['杜', 'du'], 4], [['叶', 'ye'], 3], [['程', 'cheng'], 3], [['苏', 'su'], 3],
  [['魏', 'wei'], 3], [['吕', 'lv'], 3], [['丁', 'ding'], 3], [['任', 'ren'], 3], [['沈', 'shen'], 3],
  [['姚', 'yao'], 3], [['卢', 'lu'], 3], [['姜', 'jiang'], 3], [['崔', 'cui'], 3], [['钟', 'zhong'], 3],
  [['谭', 'tan'], 2], [['陆', 'lu'], 2], [['汪', 'wang'], 2], [['范', 'fan'], 2], [['金', 'jin'], 2],
  [['石', 'shi'], 2], [['廖', 'liao'], 2], [['贾', 'jia'], 2], [['夏', 'xia'], 2], [['韦', 'wei'], 2],
  [['付', 'fu'], 2], [['方', 'fang'], 2], [['白', 'bai'], 2], [['邹', 'zou'], 2], [['孟', 'meng'], 2],
  [['熊', 'xiong'], 2], [['秦', 'qin'], 2], [['邱', 'qiu'], 2], [['江', 'jiang'], 2], [['尹', 'yin'], 2],
  [['薛', 'xue'], 1.6], [['闫', 'yan'], 1.6], [['段', 'duan'], 1.5], [['雷', 'lei'], 1.5], [['侯', 'hou'], 1.5],
  [['龙', 'long'], 1.4], [['史', 'shi'], 1.4], [['陶', 'tao'], 1.4], [['黎', 'li'], 1.4], [['贺', 'he'], 1.4],
  [['顾', 'gu'], 1.3], [['毛', 'mao'], 1.3], [['郝', 'hao'], 1.3], [['龚', 'gong'], 1.3], [['邵', 'shao'], 1.3],
  [['万', 'wan'], 1.2], [['钱', 'qian'], 1.2], [['严', 'yan'], 1.2], [['武', 'wu'], 1.2], [['戴', 'dai'], 1.2],
  [['莫', 'mo'], 1.1], [['孔', 'kong'], 1.1], [['向', 'xiang'], 1.1], [['汤', 'tang'], 1.1], [['欧阳', 'ouyang'], 0.3],
];

const MALE: readonly Char[] = [
  ['伟', 'wei'], ['强', 'qiang'], ['磊', 'lei'], ['军', 'jun'], ['勇', 'yong'], ['杰', 'jie'], ['涛', 'tao'],
  ['斌', 'bin'], ['超', 'chao'], ['明', 'ming'], ['刚', 'gang'], ['平', 'ping'], ['辉', 'hui'], ['鹏', 'peng'],
  ['华', 'hua'], ['飞', 'fei'], ['鑫', 'xin'], ['波', 'bo'], ['宇', 'yu'], ['浩', 'hao'], ['凯', 'kai'],
  ['健', 'jian'], ['俊', 'jun'], ['帆', 'fan'], ['旭', 'xu'], ['宁', 'ning'], ['龙', 'long'], ['阳', 'yang'],
  ['建', 'jian'], ['亮', 'liang'], ['成', 'cheng'], ['峰', 'feng'], ['志', 'zhi'], ['文', 'wen'], ['博', 'bo'],
  ['轩', 'xuan'], ['晨', 'chen'], ['嘉', 'jia'], ['昊', 'hao'], ['睿', 'rui'], ['泽', 'ze'], ['毅', 'yi'],
  ['坤', 'kun'], ['翔', 'xiang'], ['海', 'hai'], ['东', 'dong'], ['振', 'zhen'], ['国', 'guo'], ['立', 'li'],
  ['宏', 'hong'], ['德', 'de'], ['安', 'an'], ['子', 'zi'], ['天', 'tian'],
];

const FEMALE: readonly Char[] = [
  ['芳', 'fang'], ['娜', 'na'], ['敏', 'min'], ['静', 'jing'], ['丽', 'li'], ['艳', 'yan'], ['娟', 'juan'],
  ['霞', 'xia'], ['燕', 'yan'], ['玲', 'ling'], ['婷', 'ting'], ['雪', 'xue'], ['琳', 'lin'], ['颖', 'ying'],
  ['倩', 'qian'], ['洁', 'jie'], ['慧', 'hui'], ['莉', 'li'], ['红', 'hong'], ['梅', 'mei'], ['萍', 'ping'],
  ['佳', 'jia'], ['欣', 'xin'], ['怡', 'yi'], ['悦', 'yue'], ['晶', 'jing'], ['琪', 'qi'], ['璐', 'lu'],
  ['瑶', 'yao'], ['蕾', 'lei'], ['秀', 'xiu'], ['兰', 'lan'], ['英', 'ying'], ['丹', 'dan'], ['露', 'lu'],
  ['蓉', 'rong'], ['思', 'si'], ['雨', 'yu'], ['涵', 'han'], ['诗', 'shi'], ['梦', 'meng'], ['雯', 'wen'],
  ['菲', 'fei'], ['月', 'yue'], ['晓', 'xiao'], ['文', 'wen'], ['婧', 'jing'], ['颖', 'ying'], ['琴', 'qin'],
];

export type Gender = 'M' | 'F';
export type PersonName = { name: string; surnamePinyin: string; givenPinyin: string };

export function randomName(rng: Rng, gender: Gender): PersonName {
  const [surname, surnamePinyin] = rng.weighted(SURNAMES);
  const pool = gender === 'M' ? MALE : FEMALE;
  const first = rng.pick(pool);
  // About four in ten people of working age have a one-character given name.
  if (rng.chance(0.4)) return { name: surname + first[0], surnamePinyin, givenPinyin: first[1] };
  let second = rng.pick(pool);
  while (second[0] === first[0]) second = rng.pick(pool);
  return { name: surname + first[0] + second[0], surnamePinyin, givenPinyin: first[1] + second[1] };
}

const MOBILE_PREFIXES = [
  '130', '131', '132', '133', '135', '136', '137', '138', '139', '150', '151', '152', '155', '156', '157',
  '158', '159', '176', '177', '178', '180', '181', '182', '183', '185', '186', '187', '188', '189', '198', '199',
] as const;

/** A mainland mobile number that no other generated person has. */
export function uniqueMobile(rng: Rng, taken: Set<string>): string {
  for (;;) {
    const m = rng.pick(MOBILE_PREFIXES) + rng.digits(8);
    if (!taken.has(m)) {
      taken.add(m);
      return m;
    }
  }
}

export const EMAIL_DOMAIN = 'patronbank.example';

/** given.surname@domain, numbered from 2 when the name is already taken. */
export function uniqueEmail(name: PersonName, taken: Set<string>): string {
  const base = `${name.givenPinyin}.${name.surnamePinyin}`;
  let local = base;
  for (let n = 2; taken.has(local); n++) local = `${base}${n}`;
  taken.add(local);
  return `${local}@${EMAIL_DOMAIN}`;
}
