/**
 * The narrative of the six sections, assembled from sentences real reports use. Every number the
 * text states about the tables is taken from the tables (共收到申请 N 件 = 一、本年新收 总计, 上年结转,
 * 结转下年度, 行政复议 / 行政诉讼, 规范性文件), so a generated report is consistent unless a defect is injected.
 */
import type { CellValue, FormatId, Section } from '../record/index.ts';
import type { Agency } from './names.ts';
import type { Rng } from './rng.ts';

export interface NarrativeInput {
  agency: Agency;
  year: number;
  format: FormatId;
  cells: Record<string, CellValue>;
  /** Rough length of all narrative text, in characters. */
  targetLength: number;
}

interface Vars {
  self: string;
  noun: string;
  year: number;
  next: number;
  superiors: string;
  portal: string;
  province: string;
  /** Pieces of information published this year: one figure however often the text repeats it. */
  published: number;
}

function fill(template: string, v: Vars): string {
  return template
    .replaceAll('{self}', v.self)
    .replaceAll('{noun}', v.noun)
    .replaceAll('{year}', String(v.year))
    .replaceAll('{next}', String(v.next))
    .replaceAll('{superiors}', v.superiors)
    .replaceAll('{portal}', v.portal)
    .replaceAll('{province}', v.province);
}

const OPENINGS = [
  '{year}年，{self}在{superiors}的坚强领导下，认真贯彻落实《中华人民共和国政府信息公开条例》（以下简称《条例》），坚持以公开为常态、不公开为例外，扎实推进政府信息公开工作，切实保障人民群众的知情权、参与权、表达权和监督权。',
  '{year}年，{self}按照{superiors}关于推进政务公开工作的部署和要求，有计划、有步骤地开展政府信息公开工作，健全工作机制，及时更新政府信息公开专栏，推动政府信息公开工作取得新的进展。',
  '{year}年以来，{self}认真围绕重点工作和年度目标任务，按照“应公开、尽公开”的要求，扎实有序推进政务公开工作落实，较好地完成了本年度政府信息公开各项工作任务。',
  '{year}年，{self}高度重视政府信息公开工作，严格执行《中华人民共和国政府信息公开条例》和《{province}政府信息公开规定》，进一步夯实责任、细化任务，加强政策解读回应，不断增强公开实效。',
  '{year}年，在{superiors}的精心指导下，{self}坚持以人民为中心的发展思想，以公开促落实、以公开促规范、以公开促服务，政府信息公开工作质量和实效进一步提升。',
];

const ACTIVE_HEADINGS = ['主动公开情况', '主动公开政府信息情况', '主动公开政府信息的情况', '做好主动公开'];
const REQUEST_HEADINGS = [
  '依申请公开情况',
  '依申请公开信息的情况',
  '政府信息依申请公开办理情况',
  '规范依申请公开',
];
const MANAGEMENT_HEADINGS = ['政府信息管理情况', '政府信息资源的规范化、标准化管理情况', '加强政府信息管理'];
const PLATFORM_HEADINGS = ['平台建设情况', '政府信息公开平台建设情况', '政府信息公开平台建设的情况'];
const OVERSIGHT_HEADINGS = ['监督保障情况', '监督保障', '政府信息公开监督保障情况', '监督保障的情况'];

const ACTIVE_SENTENCES = [
  '{year}年，{self}通过{portal}人民政府门户网站主动公开政府信息{n}条，其中工作动态{a}条、通知公告{b}条、政策文件{c}条。',
  '截至{year}年12月31日，{self}在政府网站主动公开政府信息{n}条，包括机构职能、工作动态、通知公告等内容。',
  '全年通过政府网站、政务新媒体等渠道主动公开各类政府信息{n}条，及时准确发布群众关心的热点信息。',
  '围绕重点领域信息公开，{self}重点公开了财政预决算、民生保障、公共服务等方面的信息，进一步提高了政府工作透明度。',
  '按照《条例》规定，及时更新政府信息公开指南和政府信息公开目录，做到应公开尽公开。',
  '加大政策解读力度，采取图文解读、负责人解读等多种形式解读政策文件{a}篇，帮助群众更好地理解政策。',
  '聚焦财政资金、公共资源配置、重大建设项目等重点领域，及时公开预决算、专项资金使用等信息{b}条。',
  '坚持把主动公开作为政府信息公开的主渠道，按照“谁制作、谁公开，谁获取、谁公开”的原则，明确公开责任。',
  '围绕优化营商环境，及时公开涉企政策、惠企措施及办事指南，方便企业和群众查询办理。',
  '做好人事信息公开，及时公布干部任免、公务员招录、事业单位公开招聘等信息。',
  '加强建议提案办理结果公开，全文公开建议提案办理复文{c}件。',
  '做好社会救助、就业创业、教育医疗等民生领域信息公开，确保惠民政策家喻户晓。',
  '规范政府信息公开专栏栏目设置，对机构职能、法规文件、规划计划、统计信息等栏目内容进行全面梳理。',
  '围绕重大决策部署，在决策前通过网站公开征求意见，决策后及时公开决策结果和执行情况。',
];

/** Sub-topics a long 主动公开 part goes on to: 重点领域, 政策解读, 回应关切. */
const FOCUS_SENTENCES = [
  '在财政信息公开方面，按要求公开部门预算、决算和“三公”经费情况，细化公开到项级科目。',
  '在重大建设项目信息公开方面，及时公开项目批准、招标投标、征收土地、竣工验收等信息。',
  '在公共资源配置方面，及时公开政府采购、国有产权交易等信息，接受社会监督。',
  '在社会公益事业方面，重点公开教育、医疗卫生、食品药品安全、环境保护等领域信息。',
  '在乡村振兴方面，及时公开惠农补贴发放、农村集体资产管理等信息，保障群众切身利益。',
  '在安全生产方面，及时公开安全生产检查、事故调查处理等信息，提高群众安全意识。',
  '在征地补偿方面，严格按照规定公开征地告知书、补偿安置方案等信息。',
  '在疫情防控和应急管理方面，及时发布预警信息和应对措施，回应群众关切。',
  '坚持政策文件与解读材料同步组织、同步审签、同步部署，通过图文、视频等形式解读政策{c}次。',
  '主要负责同志带头解读重要政策，通过新闻发布会、在线访谈等方式解读重大政策措施。',
  '建立健全政务舆情收集、研判、处置和回应机制，及时回应群众关切的热点问题。',
  '认真办理政府网站留言和12345热线转办事项，做到件件有回音、事事有着落。',
  '加强政民互动，通过网上信箱、意见征集等渠道听取群众意见建议，办结率达到100%。',
  '围绕群众关注的热点难点问题，主动发布权威信息，有效引导社会预期。',
];

const MANAGEMENT_SENTENCES = [
  '{self}始终把制度建设作为一项重要的基础性工作，认真执行政府信息公开保密审查制度，坚持“先审查、后公开”和“一事一审”原则，严防泄密和敏感信息公开。',
  '进一步规范政府信息公开属性源头认定，在公文办理过程中同步确定公开属性，确保应公开的信息及时公开。',
  '健全完善政府信息制作、获取、保存、处理等制度，对政府信息进行全生命周期管理，及时清理过时信息。',
  '对已公开的政府信息进行梳理，对涉及个人隐私的信息进行技术处理，切实保护公民个人信息安全。',
  '定期开展政府信息公开自查，对发现的栏目更新不及时、内容不规范等问题及时整改。',
  '建立政府信息公开台账，对公开信息实行动态更新管理，确保信息准确完整。',
  '严格落实政府信息发布审核制度，坚持“先审后发、逐级把关”，未发生因信息公开不当引发的泄密事件。',
  '按照政务公开标准化规范化要求，编制并更新政务公开事项标准目录，进一步明确公开内容、公开时限和公开方式。',
  '加强政策文件清理，对不再适用的文件及时废止或宣布失效，并向社会公开清理结果。',
  '做好政府信息公开档案管理工作，对依申请公开办理材料实行一件一档。',
];

const PLATFORM_SENTENCES = [
  '依托{portal}人民政府门户网站政府信息公开专栏发布信息，按照要求对政府信息主动公开基本目录进行更新，方便群众查询。',
  '加强政务新媒体建设和管理，通过微信公众号发布信息{a}条，进一步拓宽了与群众互动交流的渠道。',
  '在办公场所设置政务公开栏和信息查阅点，为群众提供便捷的信息查询服务。',
  '按照政府网站集约化建设要求，及时完成政府信息公开平台升级改版，规范设置公开栏目，确保栏目信息及时更新。',
  '运用政务公开栏、网站和微信等多种形式进行信息公开，很大地方便了群众了解政府工作动态及重要政策信息。',
  '持续优化政府网站栏目设置，加强网站内容保障，确保网站安全稳定运行。',
  '充分发挥政务服务大厅、便民服务中心的信息公开作用，在服务窗口公开办事指南、办理流程和收费标准。',
  '推进政务新媒体规范化建设，对政务微博、微信公众号进行清理整合，提升发布质量。',
  '依托政务服务网公开政务服务事项{b}项，实现办事指南网上可查。',
  '设立政府信息公开查阅场所，配备查阅设备，方便群众现场查阅政府信息。',
];

const OVERSIGHT_SENTENCES = [
  '成立政务公开工作领导小组，由主要负责同志任组长，明确专人负责政府信息公开日常工作，层层压实责任。',
  '坚持内部监督和社会监督相结合，在网站上公布监督举报电话，主动接受群众监督。',
  '积极组织工作人员参加上级部门举办的政务公开业务培训{a}次，不断提高工作人员的业务能力。',
  '严格落实“三审三校”制度，确保公开内容的及时性、准确性和安全性。',
  '{year}年，{self}未发生因政府信息公开工作引发的责任追究情况。',
  '将政务公开工作纳入年度工作要点，定期研究部署，及时解决工作中遇到的困难和问题。',
  '畅通群众监督渠道，认真受理群众对政务公开工作的意见和建议，及时回应社会关切。',
  '开展政务公开专项检查，对发现的问题建立台账、限期整改，确保整改到位。',
  '聘请社会监督员对政务公开工作进行监督评议，广泛听取意见建议。',
  '加强政务公开工作队伍建设，配齐配强工作人员，保障工作经费。',
];

const ACCOUNTABILITY_SENTENCES = [
  '将政务公开工作纳入年度绩效考核，通过开展社会评议听取群众意见，建立健全责任追究制度，本年度未发生政府信息公开工作责任追究情况。',
  '认真落实政务公开工作考核、社会评议和责任追究制度，将考核结果作为年度综合考评的重要依据，全年未发生责任追究事项。',
  '把政务公开工作考核纳入目标责任制考核内容，组织开展社会评议，对工作落实不到位的单位严格责任追究。',
];

const PROBLEMS = [
  '公开信息的时效性还不够强，个别栏目更新不够及时',
  '主动公开政府信息的数量还需要增加，公开的内容需要进一步细化',
  '政策解读形式较为单一，解读的深度和广度有待提升',
  '工作人员业务能力有待提高，对《条例》的理解还不够深入',
  '宣传和引导工作需要进一步加强，群众对政府信息公开工作的知晓率不高',
  '依申请公开办理的规范化水平还有待提升',
  '基层政务公开标准化规范化建设推进不够平衡',
];

const MEASURES = [
  '加强业务培训，组织工作人员认真学习《中华人民共和国政府信息公开条例》，提高政府信息公开工作水平',
  '拓宽公开渠道，充分利用政府网站、政务新媒体等平台，提高信息发布的时效性',
  '丰富政策解读形式，采用图解、视频等群众喜闻乐见的方式解读政策，提高解读质量',
  '健全工作机制，完善信息发布审核流程，确保公开信息准确、规范、安全',
  '加强依申请公开工作，严格按照法定时限和程序答复申请人，提升办理质量',
  '强化监督考核，将政务公开工作纳入日常考核，推动各项工作落到实处',
  '聚焦群众关切，加大重点领域信息公开力度，增强公开实效',
];

const ORDINALS = ['一', '二', '三', '四', '五', '六', '七'];

function n(v: CellValue | undefined): number {
  return typeof v === 'number' ? v : 0;
}

function requestSentence(rng: Rng, v: Vars, cells: Record<string, CellValue>): string {
  const received = n(cells['requests.received.total']);
  const carried = n(cells['requests.carriedOver.total']);
  const processed = n(cells['requests.processedTotal.total']);
  const forward = n(cells['requests.carriedForward.total']);
  if (received === 0 && carried === 0) {
    return fill(
      rng.pick([
        '{year}年，{self}未收到政府信息公开申请。',
        '{year}年，{self}共收到政府信息公开申请0件。',
        '本年度{self}未收到政府信息公开申请，无上年结转申请。',
      ]),
      v,
    );
  }
  const received$ = rng.pick([`共收到政府信息公开申请${received}件`, `新收政府信息公开申请${received}件`]);
  const parts = [`{year}年，{self}${received === 0 ? '未新收政府信息公开申请' : received$}`];
  if (carried > 0 || rng.chance(0.5)) parts.push(`上年结转${carried}件`);
  if (rng.chance(0.7)) parts.push(`本年度办结${processed}件`);
  if (forward > 0 || rng.chance(0.5)) parts.push(`结转下年度继续办理${forward}件`);
  let text = `${parts.join('，')}。`;
  const granted = n(cells['requests.granted.total']);
  if (processed > 0 && rng.chance(0.5)) {
    text += `办结的申请中，予以公开${granted}件，部分公开${n(cells['requests.partiallyGranted.total'])}件。`;
  }
  return fill(text, v);
}

function reviewSentence(rng: Rng, v: Vars, cells: Record<string, CellValue>): string {
  const reconsideration = n(cells['reviews.reconsideration.total']);
  // 行政诉讼 counts both kinds of lawsuit: 未经复议直接起诉 and 复议后起诉.
  const lawsuits =
    n(cells['reviews.lawsuitDirect.total']) + n(cells['reviews.lawsuitAfterReconsideration.total']);
  if (reconsideration === 0 && lawsuits === 0) {
    return fill(
      rng.pick([
        '{year}年，{self}未发生因政府信息公开引起的行政复议和行政诉讼案件。',
        '本年度{self}没有发生因政府信息公开申请行政复议和提起行政诉讼的情况。',
      ]),
      v,
    );
  }
  return fill(`{year}年，{self}发生政府信息公开行政复议${reconsideration}件、行政诉讼${lawsuits}件。`, v);
}

function activeSentence(
  rng: Rng,
  v: Vars,
  format: FormatId,
  cells: Record<string, CellValue>,
): string | null {
  if (format === '2021') {
    const issued = cells['active.normativeDocuments.issued'];
    const inForce = cells['active.normativeDocuments.inForce'];
    if (typeof issued !== 'number' || typeof inForce !== 'number') return null;
    const repealed = cells['active.normativeDocuments.repealed'];
    const repealedText = typeof repealed === 'number' && repealed > 0 ? `，废止${repealed}件` : '';
    return fill(
      `{year}年，{self}制发行政规范性文件${issued}件${repealedText}，现行有效行政规范性文件${inForce}件。`,
      v,
    );
  }
  const made = cells['active.normativeDocuments.made'];
  const published = cells['active.normativeDocuments.published'];
  if (typeof made !== 'number' || typeof published !== 'number') return null;
  return fill(
    rng.pick([
      `{year}年，{self}新制作规范性文件${made}件，新公开规范性文件${published}件。`,
      `本年度{self}新制作规范性文件${made}件，均按规定予以公开。`.replace(
        '均按规定予以公开',
        made === published ? '均按规定予以公开' : `新公开${published}件`,
      ),
    ]),
    v,
  );
}

function feeSentence(rng: Rng, v: Vars, cells: Record<string, CellValue>): string {
  const unpaid = n(cells['requests.other.unpaidFee.total']);
  if (unpaid > 0) {
    const notices = unpaid + rng.int(0, 3);
    return fill(
      `{year}年，{self}依据《政府信息公开信息处理费管理办法》向申请人发出收费通知${notices}件，其中${unpaid}件申请人逾期未缴纳费用。`,
      v,
    );
  }
  return fill(
    rng.pick([
      '{year}年，{self}未收取政府信息公开信息处理费。',
      '本单位本年度不涉及《政府信息公开信息处理费管理办法》相关收取信息处理费的情况。',
      '依据《政府信息公开信息处理费管理办法》，{self}本年度未发生收取信息处理费的情况。',
    ]),
    v,
  );
}

/** `count` filler sentences from `pool` (numbers in them are not table values). */
function sentences(rng: Rng, pool: readonly string[], count: number, v: Vars): string[] {
  return rng
    .shuffle(pool)
    .slice(0, Math.max(1, Math.min(count, pool.length)))
    .map((t) => {
      const [a, b, c] = [rng.int(1, 60), rng.int(1, 40), rng.int(1, 20)];
      // {n} is the year's total, of which {a}, {b}, {c} are parts.
      return fill(t, v)
        .replaceAll('{n}', String(v.published))
        .replaceAll('{a}', String(a))
        .replaceAll('{b}', String(b))
        .replaceAll('{c}', String(c));
    });
}

/** Sentences grouped into paragraphs of two to four, numbered 「1、」「2、」 now and then. */
function paragraphs(rng: Rng, items: string[]): string[] {
  if (items.length <= 3) return [items.join('')];
  const out: string[] = [];
  for (let i = 0; i < items.length;) {
    const k = rng.int(2, 4);
    out.push(items.slice(i, i + k).join(''));
    i += k;
  }
  const numbered = rng.chance(0.3);
  return numbered ? out.map((p, i) => `${i + 1}、${p}`) : out;
}

function list(rng: Rng, items: readonly string[], count: number): string {
  return rng
    .shuffle(items)
    .slice(0, count)
    .map((t, i) => `${ORDINALS[i]}是${t}`)
    .join('；')
    .concat('。');
}

const SECTION_TITLES: readonly (readonly string[])[] = [
  ['总体情况', '总体情况', '总体情况', '概述'],
  ['主动公开政府信息情况'],
  ['收到和处理政府信息公开申请情况'],
  [
    '政府信息公开行政复议、行政诉讼情况',
    '政府信息公开行政复议、行政诉讼情况',
    '因政府信息公开工作被申请行政复议、提起行政诉讼情况',
  ],
  ['存在的主要问题及改进情况', '存在的主要问题及改进情况', '存在的主要问题及改进措施'],
  ['其他需要报告的事项'],
];

/** The six sections with their narrative; paragraphs are separated by '\n'. */
export function randomSections(rng: Rng, input: NarrativeInput): Section[] {
  const { agency, year, format, cells } = input;
  const v: Vars = {
    self: agency.self,
    noun: agency.selfNoun,
    year,
    next: year + 1,
    superiors: agency.superiors,
    portal: agency.portal,
    province: agency.province,
    published: rng.int(120, 1500),
  };
  // Sentences per topic, from the target length (a sentence is about 65 characters).
  const perTopic = Math.max(1, Math.round((input.targetLength * 0.13) / 65));
  const topic = () => rng.int(Math.max(1, perTopic - 2), perTopic + 1);
  const inlineHeadings = rng.chance(0.5);

  const overview: string[] = [fill(rng.pick(OPENINGS), v)];
  const topics: [string, string[]][] = [
    [
      rng.pick(ACTIVE_HEADINGS),
      [
        ...paragraphs(rng, sentences(rng, ACTIVE_SENTENCES, topic(), v)),
        ...(perTopic > 4 ? paragraphs(rng, sentences(rng, FOCUS_SENTENCES, perTopic * 2 - 6, v)) : []),
      ],
    ],
    [rng.pick(REQUEST_HEADINGS), [requestSentence(rng, v, cells)]],
    [rng.pick(MANAGEMENT_HEADINGS), paragraphs(rng, sentences(rng, MANAGEMENT_SENTENCES, topic(), v))],
    [rng.pick(PLATFORM_HEADINGS), paragraphs(rng, sentences(rng, PLATFORM_SENTENCES, topic(), v))],
    [rng.pick(OVERSIGHT_HEADINGS), paragraphs(rng, sentences(rng, OVERSIGHT_SENTENCES, topic(), v))],
  ];
  if (agency.kind === 'government') {
    topics.push(['工作考核、社会评议和责任追究情况', [fill(rng.pick(ACCOUNTABILITY_SENTENCES), v)]]);
  }
  topics.forEach(([title, body], i) => {
    const heading = `（${ORDINALS[i]}）${title}`;
    if (inlineHeadings) overview.push(`${heading}。${body[0]}`, ...body.slice(1));
    else overview.push(heading, ...body);
  });

  const active: string[] = [];
  if (rng.chance(0.5)) {
    const s = activeSentence(rng, v, format, cells);
    if (s) active.push(s);
  }
  const requests: string[] = rng.chance(0.4) ? [requestSentence(rng, v, cells)] : [];
  const reviews: string[] = rng.chance(0.5) ? [reviewSentence(rng, v, cells)] : [];

  const problemCount = Math.min(PROBLEMS.length, 1 + Math.ceil(topic() / 2));
  const measureCount = Math.min(MEASURES.length, 1 + Math.ceil(topic() / 2));
  const problems = rng.chance(0.6)
    ? [
        `（一）存在的问题\n${fill('{year}年，{self}政府信息公开工作取得了一定成效，但也存在一些不足：', v)}${list(rng, PROBLEMS, problemCount)}`,
        `（二）改进措施\n${rng.pick(['下一步，', `${year + 1}年，将着重从以下几个方面改进提升：`, '针对上述问题，'])}${list(rng, MEASURES, measureCount)}`,
      ]
    : [
        `${fill('{year}年，{self}政府信息公开工作虽然取得了明显成效，但仍然存在一些不足，主要是：', v)}${list(rng, PROBLEMS, problemCount)}`,
        `下一步，${v.self}将着力做好以下工作：${list(rng, MEASURES, measureCount)}`,
      ];

  const other: string[] = [];
  if (format === '2021') other.push(feeSentence(rng, v, cells));
  other.push(
    rng.pick(
      format === '2021'
        ? [
            '无其他需要报告的事项。',
            '本年度无其他需要报告的事项。',
            fill('{self}暂无其他需要报告的事项。', v),
          ]
        : ['无', '无。', '本年度无其他需要报告的事项。', fill('{self}暂无需要说明的其他事项。', v)],
    ),
  );

  const texts = [overview, active, requests, reviews, problems, other];
  return texts.map((paragraphs, i) => ({
    number: i + 1,
    title: rng.pick(SECTION_TITLES[i]!),
    printedNumber: ORDINALS[i]!,
    text: paragraphs.join('\n'),
  }));
}
