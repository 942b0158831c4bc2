/**
 * Invented reporting bodies of every kind real reports come from: 人民政府 of a 市/区/县, its 部门,
 * 乡镇人民政府 and 街道办事处. Place names are made from syllables that never contain an
 * administrative word (市 县 区 乡 镇 街 …), so the suffix alone decides the kind.
 */
import type { AgencyKind } from '../record/index.ts';
import type { Rng } from './rng.ts';

const SYLLABLES = [
  ...'安宝昌德东丰福广和河华嘉建江金静开乐临龙茂南宁平庆清瑞山尚胜泰天通文武西兴新阳永裕元长振中仁海湖溪桥林沙石峰城口堡庄源湾',
  ...'白柏北滨博岑崇春大定繁凤阜高古固桂汉合鹤红洪怀淮黄吉济佳蛟晋靖巨康兰蓝利莲灵柳隆鲁鹿洛满梅孟绵岷牡宁盘彭蒲祁启青泉饶荣汝',
  ...'商邵绍深沈盛石双顺松泗肃绥台潭桃滕田铜潼万望威渭温沃吴梧舞夏仙湘祥孝忻信秀徐许宣延盐燕杨伊宜义益鄞英营应雍友于玉岳云枣漳昭肇柘镇浙',
].filter((c) => !'市县区乡镇街道局委府政村'.includes(c));

/** Province abbreviation (for ICP numbers) and name (for local regulations cited in the text). */
export const PROVINCES: readonly (readonly [string, string])[] = [
  ['冀', '河北省'],
  ['晋', '山西省'],
  ['辽', '辽宁省'],
  ['吉', '吉林省'],
  ['黑', '黑龙江省'],
  ['苏', '江苏省'],
  ['浙', '浙江省'],
  ['皖', '安徽省'],
  ['闽', '福建省'],
  ['赣', '江西省'],
  ['鲁', '山东省'],
  ['豫', '河南省'],
  ['鄂', '湖北省'],
  ['湘', '湖南省'],
  ['粤', '广东省'],
  ['桂', '广西壮族自治区'],
  ['川', '四川省'],
  ['贵', '贵州省'],
  ['云', '云南省'],
  ['陕', '陕西省'],
  ['甘', '甘肃省'],
];

/** 县级以上 departments: name and the way the body calls itself. */
const DEPARTMENTS: readonly (readonly [string, string])[] = [
  ['教育局', '我局'],
  ['自然资源局', '我局'],
  ['自然资源和规划局', '我局'],
  ['生态环境局', '我局'],
  ['住房和城乡建设局', '我局'],
  ['交通运输局', '我局'],
  ['水利局', '我局'],
  ['农业农村局', '我局'],
  ['商务局', '我局'],
  ['文化和旅游局', '我局'],
  ['卫生健康局', '我局'],
  ['退役军人事务局', '我局'],
  ['应急管理局', '我局'],
  ['审计局', '我局'],
  ['市场监督管理局', '我局'],
  ['统计局', '我局'],
  ['医疗保障局', '我局'],
  ['民政局', '我局'],
  ['司法局', '我局'],
  ['财政局', '我局'],
  ['人力资源和社会保障局', '我局'],
  ['林业局', '我局'],
  ['城市管理局', '我局'],
  ['发展和改革局', '我局'],
  ['工业和信息化局', '我局'],
  ['科学技术局', '我局'],
  ['发展和改革委员会', '我委'],
  ['卫生健康委员会', '我委'],
  ['民族宗教事务委员会', '我委'],
];

export interface Agency {
  /** As printed in the title: the record's `agency`. */
  name: string;
  kind: GeneratedKind;
  /** How the signature names the body (often shorter than the title). */
  signature: string;
  /** How the narrative calls the body: 我局 / 我镇 / 我街道 / 我区 … */
  self: string;
  /** The body's own word for itself without 我: 局 / 镇 / 街道 / 区. */
  selfNoun: string;
  /** Who instructs it: 「县委、县政府」. */
  superiors: string;
  /** The 市 or 县 whose portal hosts the report, e.g. 「同江市」. */
  portal: string;
  /** The government that runs the portal: 「同江市人民政府」. */
  portalOwner: string;
  province: string;
  provinceAbbr: string;
}

function place(rng: Rng): string {
  const n = rng.chance(0.06) ? 3 : 2;
  let out = '';
  for (let i = 0; i < n; i++) out += rng.pick(SYLLABLES);
  return out;
}

/** The kinds the generator makes; `other` bodies (事业单位 …) have no one naming pattern. */
export type GeneratedKind = Exclude<AgencyKind, 'other'>;

export function randomAgency(rng: Rng, kind?: GeneratedKind): Agency {
  const chosen: GeneratedKind =
    kind ??
    rng.weighted<GeneratedKind>([
      ['government', 2],
      ['department', 4],
      ['township', 3],
      ['subdistrict', 2],
    ]);
  const [provinceAbbr, province] = rng.pick(PROVINCES);
  const city = `${place(rng)}市`;
  const countyLike = rng.weighted([
    [`${place(rng)}县`, 3],
    [`${place(rng)}区`, 3],
    [`${place(rng)}市`, 1],
  ] as const);
  const base = { province, provinceAbbr };

  if (chosen === 'government') {
    const level = rng.weighted([
      ['city', 1],
      ['county', 4],
    ] as const);
    if (level === 'city') {
      const name = `${city}人民政府`;
      return {
        ...base,
        name,
        kind: chosen,
        signature: name,
        self: '我市',
        selfNoun: '市',
        superiors: '省委、省政府',
        portal: city,
        portalOwner: name,
      };
    }
    const noun = countyLike.slice(-1);
    const name = rng.chance(0.4) ? `${city}${countyLike}人民政府` : `${countyLike}人民政府`;
    return {
      ...base,
      name,
      kind: chosen,
      signature: `${countyLike}人民政府`,
      self: `我${noun}`,
      selfNoun: noun,
      superiors: '市委、市政府',
      portal: countyLike,
      portalOwner: `${countyLike}人民政府`,
    };
  }

  if (chosen === 'department') {
    const [dept, self] = rng.pick(DEPARTMENTS);
    const prefix = rng.weighted([
      [city, 3],
      [countyLike, 4],
      [`${city}${countyLike}`, 1],
    ] as const);
    const host = prefix === city ? city : countyLike;
    const hostNoun = host.slice(-1);
    const name = `${prefix}${dept}`;
    return {
      ...base,
      name,
      kind: chosen,
      signature: rng.chance(0.5) ? name : `${host}${dept}`,
      self,
      selfNoun: self.slice(1),
      superiors: `${hostNoun}委、${hostNoun}政府`,
      portal: host,
      portalOwner: `${host}人民政府`,
    };
  }

  if (chosen === 'township') {
    const noun = rng.chance(0.7) ? '镇' : '乡';
    const town = `${place(rng)}${noun}`;
    const county = countyLike.endsWith('区') ? `${countyLike.slice(0, -1)}县` : countyLike;
    const name = rng.weighted([
      [`${town}人民政府`, 3],
      [`${county}${town}人民政府`, 3],
      [`${city}${county}${town}人民政府`, 1],
    ] as const);
    const countyNoun = county.slice(-1);
    return {
      ...base,
      name,
      kind: chosen,
      signature: rng.chance(0.5) ? `${town}人民政府` : name,
      self: `我${noun}`,
      selfNoun: noun,
      superiors: `${countyNoun}委、${countyNoun}政府`,
      portal: county,
      portalOwner: `${county}人民政府`,
    };
  }

  const street = `${place(rng)}街道`;
  const district = countyLike.endsWith('县') ? `${countyLike.slice(0, -1)}区` : countyLike;
  const name = rng.weighted([
    [`${street}办事处`, 3],
    [`${district}${street}办事处`, 3],
    [`${city}${district}${street}办事处`, 1],
  ] as const);
  const districtNoun = district.slice(-1);
  return {
    ...base,
    name,
    kind: 'subdistrict',
    signature: rng.chance(0.5) ? `${street}办事处` : name,
    self: '我街道',
    selfNoun: '街道',
    superiors: `${districtNoun}委、${districtNoun}政府`,
    portal: district,
    portalOwner: `${district}人民政府`,
  };
}
